-- safe: step 1, the DDL alone
ALTER TABLE public.customers ADD COLUMN email_verified boolean;
