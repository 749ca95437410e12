-- safe: step 1, CHECK (c IS NOT NULL) NOT VALID
ALTER TABLE public.orders
    ADD CONSTRAINT orders_tracking_code_not_null CHECK (tracking_code IS NOT NULL) NOT VALID;
