-- fires: REINDEX SYSTEM blocks the catalogs, and cannot be made CONCURRENTLY
REINDEX (VERBOSE) SYSTEM;
