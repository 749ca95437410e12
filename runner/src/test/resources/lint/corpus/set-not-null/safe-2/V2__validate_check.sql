-- safe: step 2, VALIDATE CONSTRAINT in its own migration
alter table public."Order Items" validate constraint "Order Items_sku_not_null";
