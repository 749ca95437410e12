-- creates carts_v2; existing for later migrations
CREATE TABLE public.carts_v2 (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL
);
