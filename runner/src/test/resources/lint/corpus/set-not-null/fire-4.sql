-- fires: the whole pattern in ONE migration; the CHECK must be added and validated by EARLIER migrations
ALTER TABLE public.orders
    ADD CONSTRAINT orders_tracking_code_not_null CHECK (tracking_code IS NOT NULL) NOT VALID;
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_tracking_code_not_null;
ALTER TABLE public.orders ALTER COLUMN tracking_code SET NOT NULL;
