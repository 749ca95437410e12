-- fires: ALTER COLUMN ... TYPE timestamp
ALTER TABLE public.customers ALTER COLUMN created_at TYPE timestamp;
