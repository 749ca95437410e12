-- safe: the marker is only a marker on the first line; here it is a comment, and the UPDATE touches one row
UPDATE public.customers SET tier = 'gold' WHERE id = 42;
-- slipway:backfill
