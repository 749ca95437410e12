-- safe: the backfill UPDATE alone in its own migration
UPDATE public.customers
SET    status = 'active'
WHERE  status IS NULL;
