-- fires: two CREATE INDEX CONCURRENTLY in one migration: a failure after the first leaves it half applied
CREATE INDEX CONCURRENTLY orders_placed_at_idx ON public.orders (placed_at);
CREATE INDEX CONCURRENTLY orders_total_idx ON public.orders (total);
