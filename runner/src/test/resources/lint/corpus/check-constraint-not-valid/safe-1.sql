-- safe: the CHECK is added NOT VALID (only new rows are checked; no scan, brief lock)
ALTER TABLE public.orders
    ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
