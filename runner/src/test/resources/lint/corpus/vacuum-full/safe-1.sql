-- safe: VACUUM (ANALYZE) alone in its migration
VACUUM (ANALYZE) public.orders;
