-- safe: DROP CONSTRAINT is a look-alike that is not a column drop
ALTER TABLE public.orders DROP CONSTRAINT IF EXISTS orders_total_check;
