-- safe: old type unknown, but the new type is text: binary compatible from varchar/text
ALTER TABLE public.customers ALTER COLUMN full_name TYPE text;
