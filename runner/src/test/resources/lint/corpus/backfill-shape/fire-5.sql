-- slipway:backfill batch-time=fast max-lag=5
-- fires: batch-time is no duration and max-lag has no unit
UPDATE public.customers SET tier = 'basic' WHERE tier IS NULL;
