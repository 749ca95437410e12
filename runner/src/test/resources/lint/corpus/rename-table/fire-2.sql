-- fires: IF EXISTS, quoted identifier, lower case
alter table if exists public."Order Items" rename to order_lines;
