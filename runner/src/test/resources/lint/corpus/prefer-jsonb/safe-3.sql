-- safe (lexer trap): a column whose quoted NAME is "json" has type jsonb
CREATE TABLE public.api_snapshots (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "json"   jsonb       NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT now()
);
