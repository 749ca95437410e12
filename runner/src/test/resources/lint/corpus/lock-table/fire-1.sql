-- fires: LOCK TABLE on an existing table
LOCK TABLE public.orders IN SHARE MODE;
