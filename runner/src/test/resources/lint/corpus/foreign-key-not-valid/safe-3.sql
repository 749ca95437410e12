-- safe: a REFERENCES clause in CREATE TABLE of a new table
CREATE TABLE public.order_notes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   bigint      NOT NULL REFERENCES public.orders (id) ON DELETE CASCADE,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT order_notes_body_len CHECK (char_length(body) <= 4000)
);
