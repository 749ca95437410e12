-- fires: the schema was created by an earlier migration, not this one
DROP SCHEMA archive;
