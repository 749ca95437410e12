-- fires: the old type of orders.total is unknown (not created in this set) and numeric is not text/varchar
ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(14,2);
