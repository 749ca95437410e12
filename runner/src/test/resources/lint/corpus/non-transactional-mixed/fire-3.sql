-- fires: VACUUM cannot run in a transaction and is mixed with another statement
VACUUM (ANALYZE) public.orders;
ANALYZE public.customers;
