-- safe: old type not declared in the linted migrations, but without USING only timestamp (or date) converts to
-- timestamptz, and under a UTC session that is catalog-only (PostgreSQL 12+)
SET timezone TO 'Etc/UTC';
ALTER TABLE public.comments ALTER COLUMN published TYPE timestamptz, ALTER COLUMN updated TYPE timestamptz;
