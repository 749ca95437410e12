-- adds the NOT VALID check, but no migration ever validates it
ALTER TABLE public.orders
    ADD CONSTRAINT orders_tracking_code_not_null CHECK (tracking_code IS NOT NULL) NOT VALID;
