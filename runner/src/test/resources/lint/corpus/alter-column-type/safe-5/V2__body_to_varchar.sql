-- safe: text -> unbounded varchar is binary compatible
ALTER TABLE public.support_notes ALTER COLUMN body TYPE varchar;
