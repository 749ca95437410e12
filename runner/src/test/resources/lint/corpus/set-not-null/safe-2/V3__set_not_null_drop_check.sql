-- safe: step 3, SET NOT NULL (no COLUMN keyword), then drop the now redundant CHECK on the same table
ALTER TABLE public."Order Items" ALTER sku SET NOT NULL;
ALTER TABLE public."Order Items" DROP CONSTRAINT "Order Items_sku_not_null";
