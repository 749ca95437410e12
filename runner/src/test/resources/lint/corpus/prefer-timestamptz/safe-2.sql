-- safe: ADD COLUMN timestamp with time zone; "timestamp" only in a string
ALTER TABLE public.orders ADD COLUMN shipped_at timestamp with time zone;
COMMENT ON COLUMN public.orders.shipped_at IS 'was a timestamp without time zone in the old system';
