-- creates line_items; existing for later migrations
CREATE TABLE public.line_items (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_price numeric(12,2) NOT NULL,
    quantity   integer       NOT NULL
);
