-- fires: two existing tables ACCESS EXCLUSIVE-locked in one transaction (deadlock / long queue risk)
ALTER TABLE public.orders ADD COLUMN note text;
ALTER TABLE public.customers ADD COLUMN note text;
