-- fires: the parenthesized (FULL, ...) form
VACUUM (FULL, ANALYZE, VERBOSE) public.customers;
