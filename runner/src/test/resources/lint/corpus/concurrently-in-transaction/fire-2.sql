-- fires: DROP INDEX CONCURRENTLY in a migration forced into a transaction by executeInTransaction=true
DROP INDEX CONCURRENTLY IF EXISTS public.orders_customer_id_idx;
