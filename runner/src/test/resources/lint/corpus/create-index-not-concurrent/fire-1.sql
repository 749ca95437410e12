-- fires: CREATE INDEX without CONCURRENTLY on an existing table blocks writes while it builds
CREATE INDEX orders_placed_at_idx ON public.orders (placed_at);
