-- safe: renaming a table created in the same migration
CREATE TABLE public.returns_staging (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   bigint      NOT NULL,
    reason     text,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public.returns_staging RENAME TO returns;
