ALTER TABLE events ADD COLUMN customer_id bigint;
