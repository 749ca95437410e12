-- fires: a backfill UPDATE in the same transaction as the ALTER TABLE keeps the lock for the whole update
ALTER TABLE public.customers ADD COLUMN email_verified boolean;
UPDATE public.customers SET email_verified = false WHERE email_verified IS NULL;
