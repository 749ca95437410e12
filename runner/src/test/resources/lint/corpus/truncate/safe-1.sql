-- safe: TRUNCATE of a table created in the same migration
CREATE TABLE public.import_batches (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source      text        NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO public.import_batches (source) VALUES ('bootstrap');
TRUNCATE public.import_batches RESTART IDENTITY;
