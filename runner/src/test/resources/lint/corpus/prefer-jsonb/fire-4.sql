-- fires: ALTER COLUMN ... TYPE json
ALTER TABLE public.orders ALTER COLUMN metadata TYPE json USING metadata::json;
