-- `slipway serve`: pull requests as Slipway last saw them, preview builds, webhook deliveries, and what
-- happened to previews. Git and the previews' own marks stay the truth; these rows let a restarted serve
-- answer the API at once and keep what Git cannot tell (a PR closed without merging, when a head was seen).
CREATE TABLE pull_requests (
    repo          text        NOT NULL,
    id            text        NOT NULL,               -- PR number, or branch name after the prefix
    head_sha      text        NOT NULL,
    branch        text,
    state         text        NOT NULL CHECK (state IN ('open', 'closed', 'merged')),
    head_seen_at  timestamptz NOT NULL,               -- when this head commit was first seen: idle time starts here
    event_at      timestamptz NOT NULL,               -- the forge's time of the newest event applied (reordering guard)
    updated_at    timestamptz NOT NULL,
    source        text        NOT NULL,               -- github | gitlab | gitea | poll
    PRIMARY KEY (repo, id)
);

CREATE TABLE preview_runs (
    id            uuid PRIMARY KEY,
    repo          text        NOT NULL,
    pr_id         text        NOT NULL,
    head_sha      text        NOT NULL,
    preview       text        NOT NULL,
    reason        text        NOT NULL,               -- create | new-head | interrupted
    owner         text        NOT NULL,               -- the serve instance that ran it
    state         text        NOT NULL CHECK (state IN ('running', 'succeeded', 'failed', 'interrupted', 'error')),
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    summary       text,
    detail        jsonb,                              -- lint findings, migrations, locks
    error         text
);

CREATE INDEX preview_runs_by_pr ON preview_runs (repo, pr_id, started_at DESC);

-- Names claimed before CREATE DATABASE: a database left unmarked by a crash between the two is still ours.
CREATE TABLE preview_claims (
    name          text PRIMARY KEY,
    repo          text        NOT NULL,
    pr_id         text        NOT NULL,
    claimed_at    timestamptz NOT NULL
);

CREATE TABLE deliveries (
    forge         text        NOT NULL,
    id            text        NOT NULL,
    event         text        NOT NULL,
    action        text,
    repo          text,
    status        int         NOT NULL,
    result        text        NOT NULL,
    reason        text,
    received_at   timestamptz NOT NULL,
    repeats       int         NOT NULL DEFAULT 0,     -- the same delivery id received again
    PRIMARY KEY (forge, id)
);

CREATE INDEX deliveries_received ON deliveries (received_at DESC);

CREATE TABLE preview_events (
    at            timestamptz NOT NULL,
    repo          text        NOT NULL,
    pr_id         text        NOT NULL,
    kind          text        NOT NULL,               -- dropped | expired | queued | blocked | failed | interrupted …
    message       text        NOT NULL
);

CREATE INDEX preview_events_at ON preview_events (at DESC);
