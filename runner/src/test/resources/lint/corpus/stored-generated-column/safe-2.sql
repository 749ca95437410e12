-- safe: a generated column added to a table created in the same migration
CREATE TABLE public.contacts (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL
);
ALTER TABLE public.contacts
    ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;
