-- safe: what the migrations leave behind is covered; a staging table and a column dropped again need no rule
CREATE TABLE customers (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email  text NOT NULL,
    legacy text
);
CREATE TABLE customers_import (id bigint, raw text);
ALTER TABLE customers DROP COLUMN legacy;
DROP TABLE customers_import;
