-- A migrate run records the session on the target that holds its writer lock. A run left 'running' by a killed
-- process is recognised later by that session being gone, and recorded as 'interrupted'; a run whose session is
-- still there (on this or another machine) is left alone.
ALTER TABLE runs DROP CONSTRAINT runs_outcome_check;
ALTER TABLE runs ADD CONSTRAINT runs_outcome_check
    CHECK (outcome IN ('running', 'succeeded', 'failed', 'refused', 'dry-run', 'interrupted'));

ALTER TABLE runs
    ADD COLUMN writer_pid            int,          -- pg_backend_pid() of the writer lock's session on the target
    ADD COLUMN writer_backend_start  timestamptz,  -- that session's backend_start: a reused pid is another session
    ADD COLUMN writer_server_started timestamptz;  -- pg_postmaster_start_time() of the target's server

CREATE INDEX runs_running ON runs (started_at) WHERE outcome = 'running';
