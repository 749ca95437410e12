package dev.slipway.bench;

/**
 * One target of a benchmark: what was observed, what was expected, and whether it was met.
 *
 * @param expected the target in words, e.g. {@code ≤ 2250 ms}
 */
public record Check(String name, String observed, String expected, boolean passed) {
}
