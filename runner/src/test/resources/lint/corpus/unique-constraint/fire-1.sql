-- fires: ADD CONSTRAINT ... UNIQUE builds its index under ACCESS EXCLUSIVE on an existing table
ALTER TABLE public.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);
