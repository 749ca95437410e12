-- fires: DROP DATABASE with a quoted name and WITH (FORCE)
DROP DATABASE "legacy-reports" WITH (FORCE);
