/**
 * Connecting to PostgreSQL: connection specs that never print their secrets, session timeouts set
 * at connection start-up, and the embedded server the demo and the benchmarks run on.
 */
package dev.slipway.db;
