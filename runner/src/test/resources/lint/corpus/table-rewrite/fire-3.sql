-- fires: SET TABLESPACE copies the table
ALTER TABLE public.customers SET TABLESPACE fast_ssd;
