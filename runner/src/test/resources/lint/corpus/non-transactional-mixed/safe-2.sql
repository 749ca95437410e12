-- safe: VACUUM (ANALYZE) alone in its migration
VACUUM (ANALYZE, VERBOSE) public.orders;
