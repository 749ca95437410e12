-- fires: ADD COLUMN of type json, lower case
alter table public.orders add column if not exists metadata json;
