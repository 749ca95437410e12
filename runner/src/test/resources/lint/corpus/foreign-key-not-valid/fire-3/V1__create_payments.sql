-- creates payments; existing for later migrations
CREATE TABLE payments (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint        NOT NULL,
    amount   numeric(12,2) NOT NULL
);
