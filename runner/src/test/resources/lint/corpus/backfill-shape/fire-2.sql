-- slipway:backfill batch-time=300ms
-- fires: UPDATE … FROM joins another table, which cannot be paged over the customers key
UPDATE public.customers c
SET    region = a.region
FROM   public.addresses a
WHERE  a.customer_id = c.id;
