-- fires: DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the indexed table
DROP INDEX public.orders_customer_id_idx;
