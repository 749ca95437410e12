-- fires: phone has no rule under public.customers
CREATE TABLE public.customers (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    phone text
);
