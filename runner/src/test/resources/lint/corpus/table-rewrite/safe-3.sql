-- safe: SET LOGGED on a table created (UNLOGGED) in the same migration
CREATE UNLOGGED TABLE public.bulk_prices (
    sku   text          NOT NULL,
    price numeric(12,2) NOT NULL
);
ALTER TABLE public.bulk_prices SET LOGGED;
