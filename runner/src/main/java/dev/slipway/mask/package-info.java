/**
 * {@code slipway mask}: the masked golden database. Rules ({@link dev.slipway.mask.MaskRules}) are loaded
 * and checked against the source catalog once; every column of every copied table must be covered
 * (fail-closed). The schema is recreated in the target from the source catalog, rows stream source
 * {@code COPY TO} → keyed transformers in the JVM → target {@code COPY FROM}, so clear values of masked
 * columns never reach the target; indexes and constraints follow, and {@link dev.slipway.mask.GoldenMark}
 * records a complete run. {@link dev.slipway.mask.VerifyStep} proves no source value leaked.
 */
package dev.slipway.mask;
