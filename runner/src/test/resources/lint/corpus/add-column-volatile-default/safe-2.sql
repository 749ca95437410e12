-- safe: CURRENT_TIMESTAMP default plus a column with no default at all
ALTER TABLE public.customers
    ADD COLUMN verified_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ADD COLUMN external_id uuid;
