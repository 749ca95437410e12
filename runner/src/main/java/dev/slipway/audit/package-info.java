/**
 * Slipway's own state in PostgreSQL: the schema {@code slipway}, created and upgraded by Flyway on
 * first use, recording every run and every migration it applied, tried or was refused.
 */
package dev.slipway.audit;
