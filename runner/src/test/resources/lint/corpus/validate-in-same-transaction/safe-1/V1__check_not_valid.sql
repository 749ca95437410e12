-- safe: step 1, NOT VALID
ALTER TABLE public.orders
    ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
