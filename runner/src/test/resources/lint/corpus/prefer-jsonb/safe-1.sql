-- safe: jsonb column in a new table; json_build_object and ::json casts in a view query are not columns of type json
CREATE TABLE public.webhook_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload     jsonb       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE VIEW public.order_documents AS
SELECT o.id,
       json_build_object('id', o.id, 'total', o.total) AS doc,
       '{"source": "json"}'::json AS meta
FROM public.orders AS o;
