-- safe: dropping a column of a table created in the same migration
CREATE TABLE public.price_imports (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku       text          NOT NULL,
    price     numeric(12,2) NOT NULL,
    raw_line  text
);
ALTER TABLE public.price_imports DROP COLUMN raw_line;
