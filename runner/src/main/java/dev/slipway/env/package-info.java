/**
 * Environment providers: where previews live and how they are created and removed. {@code local} clones the
 * masked golden template database on one PostgreSQL server; the Kubernetes provider implements the same
 * {@link dev.slipway.env.EnvironmentProvider}. Providers only ever remove what carries Slipway's ownership mark.
 */
package dev.slipway.env;
