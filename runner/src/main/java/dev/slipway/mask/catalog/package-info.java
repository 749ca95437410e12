/** The source as Slipway reads it: its tables and columns from the catalog, table names and SQL quoting, which server and database a connection reached, reading with row-level security off. */
package dev.slipway.mask.catalog;
