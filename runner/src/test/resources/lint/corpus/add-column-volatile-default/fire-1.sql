-- fires: gen_random_uuid() is volatile: every existing row gets its own value, so the table is rewritten
ALTER TABLE public.orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
