-- fires: timestamp -> timestamptz rewrites the table unless the session time zone is UTC
ALTER TABLE public.posts ALTER COLUMN published TYPE timestamptz;
