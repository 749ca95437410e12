-- fires: IF EXISTS and CASCADE on a quoted-identifier table, lower case
drop table if exists public."Order Items" cascade;
