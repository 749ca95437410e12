-- fires: the table was created by an earlier migration, not this one
ALTER TABLE public.carts_v2 RENAME TO carts;
