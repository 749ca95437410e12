-- safe: SET DEFAULT on a NOT NULL column, lower case
alter table public.orders alter column placed_at set default now();
