-- safe: VALIDATE scans under SHARE UPDATE EXCLUSIVE; SET NOT NULL right after it in the same migration skips the scan
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_tracking_code_not_null;
ALTER TABLE public.orders ALTER COLUMN tracking_code SET NOT NULL;
