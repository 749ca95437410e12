-- fires: ADD CONSTRAINT ... CHECK without NOT VALID scans the whole existing table under ACCESS EXCLUSIVE
ALTER TABLE public.orders
    ADD CONSTRAINT orders_total_positive CHECK (total > 0);
