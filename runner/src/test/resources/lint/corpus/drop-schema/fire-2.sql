-- fires: IF EXISTS with several schemas, lower case
drop schema if exists reporting, staging restrict;
