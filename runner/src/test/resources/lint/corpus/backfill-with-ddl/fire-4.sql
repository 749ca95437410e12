-- fires: explicit BEGIN ... COMMIT around DDL and a backfill
BEGIN;
CREATE INDEX shipments_tmp_idx ON public.shipments (order_id);
UPDATE public.shipments SET shipped_at = now() WHERE shipped_at IS NULL;
COMMIT;
