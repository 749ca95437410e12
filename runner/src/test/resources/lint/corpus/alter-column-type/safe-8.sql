-- safe: Lemmy's pattern; USING the column itself is the plain conversion, and the session is UTC (PostgreSQL 12+)
SET timezone = 'UTC';
ALTER TABLE community_moderator
    ALTER COLUMN published TYPE timestamptz
    USING published;
