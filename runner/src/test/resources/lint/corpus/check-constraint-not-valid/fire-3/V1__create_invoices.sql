-- creates invoices; it is existing for every later migration
CREATE TABLE invoices (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    amount    numeric(12,2) NOT NULL,
    issued_at timestamptz   NOT NULL DEFAULT now()
);
