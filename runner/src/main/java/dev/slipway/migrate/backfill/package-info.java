/**
 * Backfills: a data migration declared by its first line ({@code -- slipway:backfill}) and run as keyset-paginated
 * batches over a key of its table, each batch a short transaction under the run's lock and statement timeouts, the
 * batch size tuned to a target batch time, paced by replica lag, SLO burn rate, lock waits and a duty cycle, its
 * progress committed with each batch so that a killed or failed run resumes where it stopped and never applies a
 * batch twice.
 */
package dev.slipway.migrate.backfill;
