-- safe: step 1, FOREIGN KEY NOT VALID on a quoted table
ALTER TABLE public."Order Items"
    ADD CONSTRAINT "Order Items_order_id_fkey"
    FOREIGN KEY (order_id) REFERENCES public.orders (id) NOT VALID;
