-- fires: CLUSTER rewrites the table under ACCESS EXCLUSIVE
CLUSTER public.orders USING orders_customer_id_idx;
