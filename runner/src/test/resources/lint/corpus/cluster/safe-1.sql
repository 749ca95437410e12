-- safe: ANALYZE refreshes statistics without rewriting the table
ANALYZE public.orders;
