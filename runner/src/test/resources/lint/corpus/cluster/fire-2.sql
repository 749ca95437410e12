-- fires: lower case, VERBOSE, no USING
cluster verbose public.customers;
