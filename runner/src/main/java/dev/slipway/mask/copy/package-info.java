/** The rows: source COPY TO, masked in the JVM by the plan's transformers, target COPY FROM, on several jobs over one exported snapshot, with progress per table. */
package dev.slipway.mask.copy;
