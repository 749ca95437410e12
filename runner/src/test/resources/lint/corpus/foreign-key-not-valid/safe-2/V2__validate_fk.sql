-- safe: step 2, VALIDATE CONSTRAINT in a later migration
ALTER TABLE public."Order Items" VALIDATE CONSTRAINT "Order Items_order_id_fkey";
