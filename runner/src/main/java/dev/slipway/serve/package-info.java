/**
 * {@code slipway serve}: the long-running service. It keeps Slipway's view of pull requests, previews,
 * builds and deliveries in the state database ({@link dev.slipway.serve.StateStore}), turns a reconciliation
 * request into a {@link dev.slipway.plan.Plan} and carries it out through an
 * {@link dev.slipway.env.EnvironmentProvider} ({@link dev.slipway.serve.ReconcileLoop}), builds previews
 * ({@link dev.slipway.serve.PreviewBuilder}) and holds leadership among replicas
 * ({@link dev.slipway.serve.Leadership}: a PostgreSQL advisory lock, or a Kubernetes Lease in a cluster).
 * Camel routes call into it through {@code dev.slipway.camel}.
 */
package dev.slipway.serve;
