-- fires: the view was created by an earlier migration
REFRESH MATERIALIZED VIEW public.top_customers;
