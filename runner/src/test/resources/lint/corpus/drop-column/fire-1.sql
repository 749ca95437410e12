-- fires: dropping a column of an existing table (the running app may still read it)
ALTER TABLE public.customers DROP COLUMN legacy_code;
