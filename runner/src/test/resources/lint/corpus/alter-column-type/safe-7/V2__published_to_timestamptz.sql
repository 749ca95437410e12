-- safe: with the session time zone at UTC, PostgreSQL 12+ converts timestamp to timestamptz in the catalog only
SET LOCAL TIME ZONE 'UTC';
ALTER TABLE public.posts ALTER COLUMN published SET DATA TYPE timestamp with time zone USING published::timestamptz;
