-- fires: a schema-qualified function the linter knows nothing about is taken as volatile
ALTER TABLE public.orders ADD COLUMN code text NOT NULL DEFAULT app.next_order_code('ORD');
