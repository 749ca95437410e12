-- safe: step 2, VALIDATE the CHECK in a later migration
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_tracking_code_not_null;
