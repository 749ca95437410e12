-- safe: the generated column in CREATE TABLE of a new table
CREATE TABLE public.line_items (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_price numeric(12,2) NOT NULL,
    quantity   integer       NOT NULL,
    line_total numeric(14,2) GENERATED ALWAYS AS (unit_price * quantity) STORED
);
