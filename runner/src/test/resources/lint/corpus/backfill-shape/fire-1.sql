-- slipway:backfill
-- fires: a backfill holds one UPDATE; the ALTER belongs in a migration of its own
ALTER TABLE public.customers ADD COLUMN tier text;
UPDATE public.customers SET tier = 'basic' WHERE tier IS NULL;
