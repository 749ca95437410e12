-- fires: even a SET next to a concurrent build makes the script mixed
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY customers_created_at_idx ON public.customers (created_at);
