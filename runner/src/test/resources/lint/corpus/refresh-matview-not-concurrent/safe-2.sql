-- safe: refreshing a materialized view created in the same migration
CREATE MATERIALIZED VIEW public.monthly_sales AS
SELECT date_trunc('month', placed_at) AS month, sum(total) AS revenue
FROM public.orders
GROUP BY 1
WITH NO DATA;
REFRESH MATERIALIZED VIEW public.monthly_sales;
