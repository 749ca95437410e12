-- safe: now() is stable within the transaction: one value for all rows, no rewrite
ALTER TABLE public.orders ADD COLUMN archived_at timestamptz DEFAULT now();
