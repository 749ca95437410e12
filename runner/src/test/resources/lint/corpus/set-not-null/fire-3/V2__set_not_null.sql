-- fires: the CHECK was never VALIDATEd, so SET NOT NULL still scans the table
ALTER TABLE public.orders ALTER COLUMN tracking_code SET NOT NULL;
