/**
 * The benchmarks behind {@code slipway bench}: figures for the README that anyone can reproduce.
 *
 * <ul>
 *   <li>{@link dev.slipway.bench.LockSafetyBench}: how long client queries stall while an {@code ALTER TABLE}
 *       waits behind a long transaction, with plain Flyway and with Slipway's lock timeout and retries.</li>
 *   <li>{@link dev.slipway.bench.OverheadBench}: what Slipway's bookkeeping (state schema, run log, writer lock,
 *       blocker probe) costs over the plain Flyway API on many small migrations.</li>
 *   <li>{@link dev.slipway.bench.ServeBench}: a running {@code serve}: webhook intake, push-to-ready against
 *       {@code CREATE DATABASE … TEMPLATE} + plain Flyway and {@code pg_dump | pg_restore}, and reconciliation with
 *       many open pull requests, with serve's resident memory.</li>
 * </ul>
 *
 * <p>Each phase runs in a database of its own, created for it and dropped afterwards, on an embedded server
 * or on one the user points at. Reports are records, printed as text tables or as JSON.
 */
package dev.slipway.bench;
