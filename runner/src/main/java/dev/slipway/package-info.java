/**
 * Slipway: a GitOps schema-migration and release pipeline runner for PostgreSQL on Kubernetes.
 *
 * <p>This root package holds only the error model shared by every other package:
 * {@link dev.slipway.SlipwayException} and {@link dev.slipway.ErrorCode}.
 */
package dev.slipway;
