-- safe: a schema created and dropped in the same migration
CREATE SCHEMA import_tmp;
CREATE TABLE import_tmp.price_rows (
    sku   text          NOT NULL,
    price numeric(12,2) NOT NULL
);
DROP SCHEMA import_tmp CASCADE;
