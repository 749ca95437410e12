-- safe: REINDEX (VERBOSE) TABLE CONCURRENTLY alone in its migration
reindex (verbose) table concurrently public.customers;
