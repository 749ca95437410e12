-- safe: an SQL-standard function body, BEGIN ATOMIC ... END, is not a transaction block
CREATE FUNCTION public.order_total_with_tax(total numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT total * 1.21;
END;
