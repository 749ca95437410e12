-- fires: the session is UTC, but USING ... AT TIME ZONE is an expression PostgreSQL has to evaluate for every row
SET timezone = 'UTC';
ALTER TABLE public.posts ALTER COLUMN published TYPE timestamptz USING published AT TIME ZONE 'UTC';
