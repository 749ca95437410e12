/** The {@code slipway} command line: picocli commands that parse flags, call a step and print its report. */
package dev.slipway.cli;
