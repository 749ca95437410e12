-- fires: the table was created by an earlier migration and may hold data by now
DROP TABLE public.cart_items;
