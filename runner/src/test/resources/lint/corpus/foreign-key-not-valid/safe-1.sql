-- safe: the same FOREIGN KEY with NOT VALID
ALTER TABLE public.orders
    ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES public.customers (id)
    NOT VALID;
