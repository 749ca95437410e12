-- fires: a USING clause always means a rewrite
alter table customers alter column id set data type bigint using id::bigint;
