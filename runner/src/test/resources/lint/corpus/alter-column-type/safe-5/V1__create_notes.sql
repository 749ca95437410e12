-- creates support_notes with body text
CREATE TABLE public.support_notes (
    id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL
);
