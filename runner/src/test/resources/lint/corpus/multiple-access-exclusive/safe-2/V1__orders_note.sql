-- safe: one existing table per migration (first)
ALTER TABLE public.orders ADD COLUMN note text;
