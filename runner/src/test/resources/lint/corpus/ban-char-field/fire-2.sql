-- fires: character(3) in ALTER COLUMN ... TYPE
ALTER TABLE public.customers ALTER COLUMN currency TYPE character(3);
