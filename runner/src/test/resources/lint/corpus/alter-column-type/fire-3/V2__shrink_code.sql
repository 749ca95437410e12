-- fires: varchar(20) -> varchar(10) narrows the type: every row must be checked
ALTER TABLE public.vouchers ALTER COLUMN code TYPE varchar(10);
