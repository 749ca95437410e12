-- safe: REINDEX CONCURRENTLY alone; the script config says executeInTransaction=false
-- (no BEGIN; ... COMMIT; here: this text is a comment)
REINDEX INDEX CONCURRENTLY public.orders_customer_id_idx;
