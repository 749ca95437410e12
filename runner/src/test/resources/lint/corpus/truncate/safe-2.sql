-- safe (lexer trap): TRUNCATE only inside a $purge$ body that itself contains $$ ... $$
CREATE OR REPLACE FUNCTION public.purge_import_rows()
RETURNS void
LANGUAGE plpgsql
AS $purge$
BEGIN
    -- $$ does not end this body
    TRUNCATE public.import_rows;
    EXECUTE $$TRUNCATE public.import_errors$$;
END;
$purge$;
