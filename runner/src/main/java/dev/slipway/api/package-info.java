/**
 * The HTTP API and status page of {@code serve}: previews with their state, head, connection details (never a
 * password) and last build; builds by id; health and Prometheus metrics. Read-only: nothing here changes a
 * preview.
 */
package dev.slipway.api;
