-- safe (lexer trap): DROP DATABASE only inside a $fn$ function body
CREATE OR REPLACE FUNCTION public.guard_ddl_message(op text)
RETURNS text
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF op = 'drop' THEN
        RETURN 'DROP DATABASE shop; is never run by migrations';
    END IF;
    RETURN 'ok';
END;
$fn$;
