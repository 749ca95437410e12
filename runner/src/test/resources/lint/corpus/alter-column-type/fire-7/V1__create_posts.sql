-- slipway:allow prefer-timestamptz reason: the column is converted in the next migration
CREATE TABLE public.posts (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    published timestamp NOT NULL DEFAULT now()
);
