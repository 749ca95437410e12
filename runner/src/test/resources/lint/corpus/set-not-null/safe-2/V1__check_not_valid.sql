-- safe: step 1 on a quoted-identifier table, CHECK (sku IS NOT NULL) NOT VALID
ALTER TABLE public."Order Items"
    ADD CONSTRAINT "Order Items_sku_not_null" CHECK (sku IS NOT NULL) NOT VALID;
