-- safe: REINDEX INDEX CONCURRENTLY alone in its migration
REINDEX INDEX CONCURRENTLY public.orders_customer_id_idx;
