-- slipway:backfill
-- safe: the same UPDATE as a backfill, which Slipway runs in short batches (only an info note on how it runs)
UPDATE public.customers SET email_normalized = lower(email);
