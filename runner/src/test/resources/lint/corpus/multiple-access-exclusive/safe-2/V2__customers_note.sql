-- safe: one existing table per migration (second)
ALTER TABLE public.customers ADD COLUMN note text;
