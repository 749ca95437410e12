-- fires: FOREIGN KEY without NOT VALID on a table created by an earlier migration
ALTER TABLE payments ADD CONSTRAINT payments_order_id_fkey
    FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE RESTRICT;
