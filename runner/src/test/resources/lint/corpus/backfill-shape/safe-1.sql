-- slipway:backfill batch-time=200ms max-lag=5s
-- safe: one UPDATE of one table, its value computed from the row itself (only an info note on how it runs)
UPDATE public.customers
SET    email_normalized = lower(email)
WHERE  email_normalized IS NULL;
