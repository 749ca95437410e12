-- safe: a bounded lock_timeout before the DDL
SET lock_timeout = '5s';
ALTER TABLE public.orders ADD COLUMN note text;
