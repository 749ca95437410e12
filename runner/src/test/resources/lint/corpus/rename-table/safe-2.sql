-- safe: ALTER INDEX ... RENAME TO is a look-alike: it renames an index, not a table
ALTER INDEX IF EXISTS public.orders_customer_id_idx RENAME TO orders_customer_idx;
