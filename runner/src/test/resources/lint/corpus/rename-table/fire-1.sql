-- fires: renaming an existing table breaks the running app
ALTER TABLE public.orders RENAME TO purchase_orders;
