-- safe: expand step of add/write-both/drop-later; the rename is only in a comment
-- ALTER TABLE customers RENAME COLUMN full_name TO display_name;  <- would break the running app
ALTER TABLE public.customers ADD COLUMN display_name text;
COMMENT ON COLUMN public.customers.display_name IS 'replaces full_name; written by both app versions';
