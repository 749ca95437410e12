-- creates cart_items; existing for later migrations
CREATE TABLE public.cart_items (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cart_id  bigint  NOT NULL,
    quantity integer NOT NULL DEFAULT 1
);
