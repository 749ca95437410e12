-- fires: a timestamp (without time zone) column in CREATE TABLE
CREATE TABLE public.login_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text      NOT NULL,
    attempted_at timestamp NOT NULL DEFAULT now()
);
