-- fires: TRUNCATE of an existing table deletes all its rows
TRUNCATE public.orders;
