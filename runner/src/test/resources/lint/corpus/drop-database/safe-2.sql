-- safe: DROP FUNCTION is a look-alike, not a database drop
DROP FUNCTION IF EXISTS public.order_total(bigint);
