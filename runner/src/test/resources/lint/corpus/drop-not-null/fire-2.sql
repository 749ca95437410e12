-- fires: without the COLUMN keyword, lower case
alter table public.orders alter placed_at drop not null;
