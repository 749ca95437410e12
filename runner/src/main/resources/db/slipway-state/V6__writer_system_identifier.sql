-- The target server's identity across restarts: pg_control_system()'s system_identifier, set by initdb (a physical
-- standby made from the server shares it). A run left 'running' whose writer session was on this same server, before
-- the server last started, is dead: the restart ended every session. NULL when the user could not read it.
ALTER TABLE runs ADD COLUMN writer_system_identifier bigint;
