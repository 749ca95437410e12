-- fires: a validated CHECK (c IS NOT NULL) proves only its own column; SET NOT NULL on another column still scans
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_tracking_code_not_null;
ALTER TABLE public.orders ALTER COLUMN shipped_at SET NOT NULL;
