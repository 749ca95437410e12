-- fires: SET LOGGED rewrites the whole table (and WAL-logs it) under ACCESS EXCLUSIVE
ALTER TABLE public.orders SET LOGGED;
