-- fires: a json column in CREATE TABLE (jsonb is smaller to query and can be indexed)
CREATE TABLE public.webhook_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload     json        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
