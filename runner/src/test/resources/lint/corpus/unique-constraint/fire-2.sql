-- fires: ADD COLUMN ... UNIQUE on an existing table builds a unique index while locked
ALTER TABLE public.orders ADD COLUMN external_ref text UNIQUE;
