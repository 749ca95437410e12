-- safe: varchar(20) -> varchar(64) only widens the limit: no rewrite, no scan
ALTER TABLE public.vouchers ALTER COLUMN code TYPE varchar(64);
