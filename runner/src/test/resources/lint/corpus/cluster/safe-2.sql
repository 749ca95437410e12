-- safe (lexer trap): CLUSTER only in a string literal and a -- comment
-- CLUSTER orders USING orders_customer_id_idx;  (maintenance window only)
COMMENT ON INDEX public.orders_customer_id_idx IS 'CLUSTER orders USING this index only in a maintenance window';
