-- slipway:backfill
UPDATE public.events SET kind = 'click' WHERE kind IS NULL;
