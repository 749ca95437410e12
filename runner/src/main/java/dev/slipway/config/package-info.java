/**
 * Configuration: {@code slipway.yaml}, {@code SLIPWAY_*} environment variables and flags, merged and
 * validated once into immutable records.
 */
package dev.slipway.config;
