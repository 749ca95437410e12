-- safe: step 2, attach the constraint to the ready index (catalog-only change)
ALTER TABLE public.customers
    ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_uidx;
