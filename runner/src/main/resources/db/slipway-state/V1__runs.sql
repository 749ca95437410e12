-- Slipway's own state: one row per run of `slipway migrate`, one per migration it applied or tried.
CREATE TABLE runs (
    id                   uuid PRIMARY KEY,
    command              text        NOT NULL,
    engine               text        NOT NULL,
    engine_version       text,
    slipway_version      text,
    server_version       text,
    target               text        NOT NULL,  -- JDBC URL with secrets redacted
    location             text        NOT NULL,
    commit_sha           text,
    actor                text        NOT NULL,
    host                 text        NOT NULL,
    dry_run              boolean     NOT NULL,
    lock_timeout_ms      bigint      NOT NULL,
    statement_timeout_ms bigint      NOT NULL,
    started_at           timestamptz NOT NULL,
    finished_at          timestamptz,
    outcome              text        NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed', 'refused', 'dry-run')),
    error_code           text,
    error                text
);

CREATE INDEX runs_started_at ON runs (started_at DESC);

CREATE TABLE run_steps (
    run_id        uuid        NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    ordinal       int         NOT NULL,
    migration     text        NOT NULL,
    description   text,
    checksum      text,
    started_at    timestamptz NOT NULL,
    duration_ms   bigint      NOT NULL,
    retries       int         NOT NULL,
    rows_affected bigint,
    outcome       text        NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'retried')),
    error         text,
    PRIMARY KEY (run_id, ordinal)
);
