-- safe: step 3, SET NOT NULL uses the validated CHECK and skips the scan
ALTER TABLE public.orders ALTER COLUMN tracking_code SET NOT NULL;
