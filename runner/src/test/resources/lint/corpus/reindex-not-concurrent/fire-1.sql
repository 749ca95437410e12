-- fires: REINDEX INDEX without CONCURRENTLY blocks writes (and reads using the index)
REINDEX INDEX public.orders_customer_id_idx;
