-- safe: RENAME CONSTRAINT is a look-alike that does not rename a column
ALTER TABLE public.orders RENAME CONSTRAINT orders_total_check TO orders_total_nonneg;
