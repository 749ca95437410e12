package dev.slipway.bench;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What {@code slipway bench overhead} measured: each round's wall times, the medians, and whether the
 * ratio Slipway / plain Flyway of the medians meets the target of at most {@value #TARGET_RATIO}.
 */
public record OverheadReport(Machine machine, int migrations, int roundCount, List<Round> rounds,
                             double slipwayMedianMs, double flywayMedianMs, double ratio, double targetRatio,
                             boolean targetMet) {

    /** The most Slipway may take, as a multiple of plain Flyway's time. */
    public static final double TARGET_RATIO = 1.15;

    /**
     * One timed round.
     *
     * @param first the tool that ran first in this round
     */
    public record Round(int round, String first, long slipwayMs, long flywayMs) {
    }

    static OverheadReport of(Machine machine, OverheadBench.Options options, List<Round> rounds) {
        double slipway = median(rounds, Round::slipwayMs);
        double flyway = median(rounds, Round::flywayMs);
        double ratio = flyway == 0 ? Double.NaN : Math.round(slipway / flyway * 1000) / 1000.0;
        return new OverheadReport(machine, options.migrations(), rounds.size(), List.copyOf(rounds), slipway, flyway,
                ratio, TARGET_RATIO, ratio <= TARGET_RATIO);
    }

    /** The median of the values; the mean of the two middle ones for an even count. */
    static double median(List<Round> rounds, ToLongFunction<Round> value) {
        long[] sorted = rounds.stream().mapToLong(value).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
