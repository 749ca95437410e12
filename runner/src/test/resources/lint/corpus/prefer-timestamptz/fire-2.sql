-- fires: the long spelling timestamp without time zone in ADD COLUMN
ALTER TABLE public.orders ADD COLUMN shipped_at timestamp without time zone;
