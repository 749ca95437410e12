/** The schema around the rows: by PostgreSQL's pg_dump and pg_restore (pre-data before, post-data after), or from the catalog for a plain schema only; which client programs to use. */
package dev.slipway.mask.schema;
