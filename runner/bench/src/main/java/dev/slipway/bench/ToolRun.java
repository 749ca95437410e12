package dev.slipway.bench;

/**
 * One migration run by one tool during a benchmark.
 *
 * @param applied  migrations the run applied
 * @param retries  tries Slipway repeated after a lock failure (always 0 for plain Flyway)
 * @param error    why the run failed; {@code null} when it succeeded
 */
public record ToolRun(Tool tool, boolean succeeded, int applied, int retries, long wallMs, String error) {
}
