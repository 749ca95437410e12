-- safe (lexer trap): COMMIT, BEGIN and END only inside a procedure body and a DO block
CREATE OR REPLACE PROCEDURE public.archive_old_orders()
LANGUAGE plpgsql
AS $proc$
BEGIN
    LOOP
        DELETE FROM public.orders_archive_queue WHERE ctid IN (SELECT ctid FROM public.orders_archive_queue LIMIT 1000);
        EXIT WHEN NOT FOUND;
        COMMIT;
    END LOOP;
END;
$proc$;
DO $$
BEGIN
    RAISE NOTICE 'archive procedure ready; COMMIT; ROLLBACK;';
END
$$;
