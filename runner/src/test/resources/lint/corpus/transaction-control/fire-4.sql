-- fires: ROLLBACK TO SAVEPOINT silently undoes part of a migration that is recorded as applied
SAVEPOINT before_note;
ALTER TABLE public.orders ADD COLUMN note text;
ROLLBACK TO SAVEPOINT before_note;
