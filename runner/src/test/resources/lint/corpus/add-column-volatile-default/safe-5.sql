-- safe: the migration declares its own function IMMUTABLE, so the default is one value for all rows
CREATE OR REPLACE FUNCTION public.default_locale() RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT 'en' $$;
ALTER TABLE public.customers ADD COLUMN locale text NOT NULL DEFAULT public.default_locale();
