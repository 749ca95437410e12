-- How each preview build's clone was made (provider local): file_copy_clone, file_copy or wal_log, and how long
-- CREATE DATABASE took. NULL for builds before this version and for the kubernetes provider.
ALTER TABLE preview_runs ADD COLUMN clone_strategy text, ADD COLUMN clone_ms bigint;
