-- Promotion gates: every verdict with the checks that decided it and what they looked at, manual holds, and
-- what happened around them (holds set and cleared, migrations refused after a failed verdict or forced past it).
CREATE TABLE gate_verdicts (
    id              uuid PRIMARY KEY,
    environment     text        NOT NULL,
    commit_sha      text,
    outcome         text        NOT NULL CHECK (outcome IN ('PASS', 'FAIL')),
    unknown_passes  boolean     NOT NULL,
    evaluated_at    timestamptz NOT NULL,
    duration_ms     bigint      NOT NULL,
    source          text        NOT NULL,               -- cli | api
    actor           text        NOT NULL,
    host            text        NOT NULL,
    slipway_version text,
    checks          jsonb       NOT NULL,               -- [{name, observed, threshold, result, reason}]
    inputs          jsonb       NOT NULL                -- per check: queries, namespaces, migrations and checksums
);

CREATE INDEX gate_verdicts_by_commit ON gate_verdicts (environment, commit_sha, evaluated_at DESC);

CREATE TABLE gate_holds (
    environment     text PRIMARY KEY,
    reason          text        NOT NULL,
    held_by         text        NOT NULL,
    held_at         timestamptz NOT NULL
);

CREATE TABLE gate_events (
    at              timestamptz NOT NULL,
    environment     text        NOT NULL,
    commit_sha      text,
    kind            text        NOT NULL CHECK (kind IN ('hold', 'release', 'migrate-refused', 'migrate-forced')),
    verdict_id      uuid,
    actor           text        NOT NULL,
    reason          text
);

CREATE INDEX gate_events_by_env ON gate_events (environment, at DESC);
