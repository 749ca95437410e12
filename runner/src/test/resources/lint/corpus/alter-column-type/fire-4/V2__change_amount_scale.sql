-- fires: numeric(10,2) -> numeric(12,4) changes the scale: the table is rewritten
ALTER TABLE public.vouchers ALTER amount TYPE numeric(12,4);
