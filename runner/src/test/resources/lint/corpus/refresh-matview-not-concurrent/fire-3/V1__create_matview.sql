-- creates the materialized view; existing for later migrations
CREATE MATERIALIZED VIEW public.top_customers AS
SELECT customer_id, sum(total) AS spent
FROM public.orders
GROUP BY customer_id
WITH DATA;
