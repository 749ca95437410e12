-- fires: serial8 added to a table created in the same migration
create table public.tag_groups (name text not null);
alter table public.tag_groups add column id serial8;
