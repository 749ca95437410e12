-- fires: RENAME without the COLUMN keyword, quoted table name, lower case
alter table public."Order Items" rename qty to quantity;
