-- safe: two ACCESS EXCLUSIVE statements on the SAME existing table
ALTER TABLE public.orders ADD COLUMN note text;
ALTER TABLE public.orders ADD COLUMN note_author text;
