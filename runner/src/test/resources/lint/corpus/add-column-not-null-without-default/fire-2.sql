-- fires: IF NOT EXISTS, COLLATE and lower case do not change it: NOT NULL, no DEFAULT
alter table public.orders
    add column if not exists currency text collate "C" not null;
