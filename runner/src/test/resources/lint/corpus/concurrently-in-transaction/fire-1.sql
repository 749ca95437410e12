-- fires: CREATE INDEX CONCURRENTLY inside an explicit BEGIN ... COMMIT block
BEGIN;
CREATE INDEX CONCURRENTLY orders_placed_at_idx ON public.orders (placed_at);
COMMIT;
