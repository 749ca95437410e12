-- fires: IF EXISTS / CASCADE variants, lower case
alter table if exists public.orders drop column if exists coupon_code cascade;
