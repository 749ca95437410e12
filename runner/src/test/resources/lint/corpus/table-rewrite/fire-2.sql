-- fires: SET UNLOGGED, lower case
alter table public.import_rows set unlogged;
