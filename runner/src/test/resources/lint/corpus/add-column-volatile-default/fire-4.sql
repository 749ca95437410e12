-- fires: clock_timestamp() is volatile (unlike now())
ALTER TABLE public.orders
    ADD COLUMN imported_at timestamptz DEFAULT clock_timestamp();
