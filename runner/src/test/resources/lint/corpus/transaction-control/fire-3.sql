-- fires: the migration runs without a transaction (executeInTransaction=false) and the BEGIN is never committed
BEGIN;
ALTER TABLE public.orders ADD COLUMN note text;
