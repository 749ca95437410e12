-- creates reviews; existing for later migrations
CREATE TABLE public.reviews (
    id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stars  smallint NOT NULL,
    body   text
);
