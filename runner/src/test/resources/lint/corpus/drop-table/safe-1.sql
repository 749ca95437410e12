-- safe: a scratch table created, used and dropped in the same migration
CREATE TABLE public.tmp_order_totals (
    customer_id bigint        NOT NULL,
    total       numeric(14,2) NOT NULL
);
INSERT INTO public.tmp_order_totals (customer_id, total)
SELECT customer_id, sum(total)
FROM public.orders
GROUP BY customer_id;
DROP TABLE public.tmp_order_totals;
