-- slipway:backfill
-- fires: a repeatable migration runs again whenever it changes; a backfill runs once
UPDATE public.customers SET tier = 'basic' WHERE tier IS NULL;
