-- fires: ADD COLUMN ... GENERATED ALWAYS AS (...) STORED computes every existing row: table rewrite
ALTER TABLE public.orders
    ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED;
