-- safe: the non-transactional statement alone in its own migration (comments are not statements)
-- Built without blocking writes.
/* If this fails, Slipway drops the INVALID index and the migration is retried. */
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total_idx ON public.orders (total);
