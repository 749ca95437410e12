-- safe: DROP INDEX CONCURRENTLY alone in its migration
DROP INDEX CONCURRENTLY IF EXISTS public.orders_customer_id_idx;
