-- fires: REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view
REFRESH MATERIALIZED VIEW public.daily_sales;
