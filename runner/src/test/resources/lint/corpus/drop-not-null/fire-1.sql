-- fires: DROP NOT NULL lets NULLs in that running app versions may not expect
ALTER TABLE public.customers ALTER COLUMN full_name DROP NOT NULL;
