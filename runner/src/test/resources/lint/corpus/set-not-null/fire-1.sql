-- fires: SET NOT NULL scans the whole existing table under ACCESS EXCLUSIVE
ALTER TABLE public.orders ALTER COLUMN placed_at SET NOT NULL;
