-- safe: NOT NULL without DEFAULT on a table created in the same migration (no rows yet)
CREATE TABLE public.wishlists (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id)
);
ALTER TABLE public.wishlists ADD COLUMN title text NOT NULL;
