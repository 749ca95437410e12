-- safe: step 2, VALIDATE CONSTRAINT in its own migration
alter table public."Order Items" validate constraint "Order Items_order_id_fkey";
