-- safe: step 2, VALIDATE in a later migration (SHARE UPDATE EXCLUSIVE only)
ALTER TABLE public.customers VALIDATE CONSTRAINT customers_full_name_len;
