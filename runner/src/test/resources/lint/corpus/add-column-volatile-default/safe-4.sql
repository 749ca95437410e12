-- safe: stable and immutable built-ins, casts with type modifiers, and a REFERENCES after the default
ALTER TABLE public.orders
    ADD COLUMN placed_day timestamptz NOT NULL DEFAULT date_trunc('day', timezone('utc', now())) AT TIME ZONE 'utc',
    ADD COLUMN discount   numeric(10,2) NOT NULL DEFAULT '0'::numeric(10,2),
    ADD COLUMN meta       jsonb      NOT NULL DEFAULT CAST('{}' AS jsonb),
    ADD COLUMN region     text       NOT NULL DEFAULT coalesce(current_setting('app.region', true), lower('EU')),
    ADD COLUMN channel_id bigint     DEFAULT NULL REFERENCES public.channels (id);
