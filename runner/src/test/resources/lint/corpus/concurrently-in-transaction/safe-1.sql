-- safe: CREATE INDEX CONCURRENTLY alone, no BEGIN, no executeInTransaction=true
CREATE INDEX CONCURRENTLY orders_placed_at_idx ON public.orders (placed_at);
