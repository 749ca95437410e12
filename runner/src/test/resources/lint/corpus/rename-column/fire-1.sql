-- fires: renaming a column of an existing table breaks the running app, which still uses the old name
ALTER TABLE public.customers RENAME COLUMN full_name TO display_name;
