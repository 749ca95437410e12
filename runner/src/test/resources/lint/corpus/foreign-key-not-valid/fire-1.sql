-- fires: FOREIGN KEY without NOT VALID validates every existing row while locking both tables
ALTER TABLE public.orders
    ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES public.customers (id);
