-- fires: a DELETE next to COMMENT ON (DDL) in one transactional migration
DELETE FROM public.orders
WHERE placed_at < now() - interval '7 years';
COMMENT ON TABLE public.orders IS 'orders older than 7 years are purged';
