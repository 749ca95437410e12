/**
 * Plan checks: the key queries file, and the comparison of a query's plans before and after the pending
 * migrations. Pure code; the traced run ({@code dev.slipway.lint.trace}) explains the queries on its scratch copy.
 */
package dev.slipway.lint.plan;
