-- safe: step 1, build the unique index concurrently, alone in its migration
CREATE UNIQUE INDEX CONCURRENTLY customers_email_uidx ON public.customers (email);
