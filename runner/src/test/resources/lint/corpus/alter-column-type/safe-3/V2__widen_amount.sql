-- safe: numeric(10,2) -> numeric(12,2): more precision, same scale, no rewrite
alter table public.vouchers alter column amount set data type numeric(12,2);
