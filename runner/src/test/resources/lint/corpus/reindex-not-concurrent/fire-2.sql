-- fires: REINDEX TABLE, lower case
reindex table public.customers;
