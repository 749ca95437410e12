-- fires: IF EXISTS and CASCADE do not make a plain DROP INDEX safe
drop index if exists orders_placed_at_idx cascade;
