-- safe: timestamptz, timestamp with time zone and timestamptz(3) in a new table
CREATE TABLE public.audit_entries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    happened_at timestamptz              NOT NULL DEFAULT now(),
    recorded_at timestamp with time zone NOT NULL DEFAULT now(),
    precise_at  timestamptz(3),
    day         date
);
