-- safe: every column the migrations add has a rule, or its table keep_all; partitions use their root's rule
CREATE TABLE customers (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    tsv   tsvector GENERATED ALWAYS AS (to_tsvector('simple', email)) STORED
);
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE SCHEMA audit;
CREATE TABLE audit.entries (id bigint, what text);
CREATE TABLE slipway.notes (id bigint);
