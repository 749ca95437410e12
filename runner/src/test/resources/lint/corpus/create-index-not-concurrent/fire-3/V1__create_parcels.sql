-- creates parcels: from V2 on it is an existing table
CREATE TABLE public.parcels (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   bigint      NOT NULL,
    shipped_at timestamptz
);
