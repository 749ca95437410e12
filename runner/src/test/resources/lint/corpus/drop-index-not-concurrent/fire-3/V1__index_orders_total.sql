-- builds an index concurrently (alone in its migration)
CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
