-- fires: an array of json in ADD COLUMN
ALTER TABLE public.customers ADD COLUMN preferences JSON[] NOT NULL DEFAULT '{}';
