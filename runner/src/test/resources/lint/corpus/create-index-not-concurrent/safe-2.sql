-- safe: indexes on a table created earlier in the same migration (it is empty)
CREATE TABLE public.refunds (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   bigint        NOT NULL REFERENCES public.orders (id),
    amount     numeric(12,2) NOT NULL,
    details    jsonb         NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX refunds_order_id_idx ON public.refunds (order_id);
CREATE UNIQUE INDEX refunds_order_created_key ON refunds (order_id, created_at);
