-- fires: the script commits its first half itself; if the UPDATE fails, the column stays while Flyway reports a rollback
ALTER TABLE public.orders ADD COLUMN note text;
COMMIT;
UPDATE public.orders SET note = '' WHERE note IS NULL;
