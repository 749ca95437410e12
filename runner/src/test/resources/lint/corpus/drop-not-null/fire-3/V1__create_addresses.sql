-- creates addresses; existing for later migrations
CREATE TABLE public.addresses (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    street      text   NOT NULL,
    city        text   NOT NULL
);
