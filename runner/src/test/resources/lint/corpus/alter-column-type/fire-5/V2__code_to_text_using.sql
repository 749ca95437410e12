-- fires: varchar -> text would be free, but the USING clause forces a rewrite
ALTER TABLE public.vouchers ALTER COLUMN code TYPE text USING upper(code);
