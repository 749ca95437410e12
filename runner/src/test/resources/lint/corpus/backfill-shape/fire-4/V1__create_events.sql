-- fires (with V2): events is created without a primary key or unique index, so a backfill has no key to page over
CREATE TABLE public.events (
    happened_at timestamptz NOT NULL,
    kind        text
);
