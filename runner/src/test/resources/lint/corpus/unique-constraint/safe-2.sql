-- safe: UNIQUE constraints on a table created in the same migration
CREATE TABLE public.api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES public.customers (id),
    key_hash    text        NOT NULL UNIQUE,
    label       text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public.api_keys
    ADD CONSTRAINT api_keys_customer_label_key UNIQUE (customer_id, label);
