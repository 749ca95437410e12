-- safe: CREATE INDEX CONCURRENTLY alone in its migration (runs outside a transaction)
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_placed_at_idx
    ON public.orders (placed_at DESC);
