-- Built without blocking writes; Slipway runs it outside a transaction and drops the index
-- again if the build fails, so no INVALID index is left behind.
CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
