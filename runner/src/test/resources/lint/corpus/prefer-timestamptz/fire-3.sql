-- fires: timestamp(3) in ADD COLUMN, lower case
alter table public.orders add column delivered_at timestamp(3);
