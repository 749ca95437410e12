-- safe: DROP ROLE is a look-alike, not a database drop
DROP ROLE IF EXISTS reporting_ro;
