-- safe: the words are only in a string and comments: BEGIN; COMMIT;
COMMENT ON TABLE public.orders IS 'BEGIN; COMMIT; ROLLBACK; SAVEPOINT s;'; /* END; */
