-- fires: NOT VALID then VALIDATE in the same transaction gains nothing: the scan runs under the ADD's lock
ALTER TABLE public.orders
    ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_positive;
