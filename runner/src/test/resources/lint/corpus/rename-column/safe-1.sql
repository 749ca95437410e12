-- safe: renaming a column of a table created in the same migration
CREATE TABLE public.newsletter_signups (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail      text        NOT NULL,
    signed_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE public.newsletter_signups RENAME COLUMN mail TO email;
