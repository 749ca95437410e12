/**
 * The migration engine: Flyway and Liquibase behind {@link dev.slipway.migrate.MigrationEngine},
 * run by {@link dev.slipway.migrate.MigrateStep} forward only, with lock and statement timeouts on
 * every connection, retries of lock failures on a growing jittered schedule, one writer per database,
 * and a record of every run.
 */
package dev.slipway.migrate;
