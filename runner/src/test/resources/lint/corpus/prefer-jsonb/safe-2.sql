-- safe: ADD COLUMN jsonb with a jsonb default; "json" only in a comment and a string
-- json would keep whitespace and duplicate keys; jsonb does not
ALTER TABLE public.orders
    ADD COLUMN metadata jsonb NOT NULL DEFAULT '{"format": "json"}'::jsonb;
