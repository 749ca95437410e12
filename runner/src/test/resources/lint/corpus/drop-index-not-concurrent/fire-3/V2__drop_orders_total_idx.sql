-- fires: the index was created by an earlier migration, not this one
DROP INDEX orders_total_idx;
