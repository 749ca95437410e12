-- creates web_sessions; existing for later migrations
CREATE TABLE public.web_sessions (
    id         uuid PRIMARY KEY,
    expires_at timestamptz NOT NULL
);
