-- safe: step 2, VALIDATE in a later migration
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_total_positive;
