-- fires: SET LOCAL statement_timeout = '0' (quoted zero)
SET LOCAL statement_timeout = '0';
ALTER TABLE public.orders ADD COLUMN note text;
