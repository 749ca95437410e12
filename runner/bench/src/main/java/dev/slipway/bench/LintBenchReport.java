package dev.slipway.bench;

import dev.slipway.lint.LintReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code slipway bench lint} measured. Times are milliseconds; the first round runs on a cold JVM,
 * as a CI job's single {@code slipway lint} does, and the target applies to it.
 *
 * @param coldMillis      the first full lint
 * @param warmMillis      the median of the later rounds
 * @param splitMillis     median time to read the files and split them into statements (the lexer alone)
 * @param readMillis      median time to read the files
 * @param statementsPerSecond statements linted per second, cold
 */
public record LintBenchReport(Machine machine, int files, int statements, long bytes, long findings, long coldMillis,
                              long warmMillis, long splitMillis, long readMillis, long statementsPerSecond,
                              long targetMillis, boolean targetMet) {

    public static final long TARGET_MILLIS = 2000;

    static LintBenchReport of(Machine machine, LintBench.Options o, long bytes, LintReport last, List<Long> lint,
                              List<Long> split, List<Long> read) {
        long cold = lint.get(0) / 1_000_000;
        return new LintBenchReport(machine, o.files(), last.statements(), bytes, last.findings().size(), cold,
                median(lint.subList(1, lint.size())), median(split.subList(1, split.size())),
                median(read.subList(1, read.size())), cold == 0 ? last.statements() * 1000L : last.statements() * 1000L / cold,
                TARGET_MILLIS, cold < TARGET_MILLIS);
    }

    private static long median(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2) / 1_000_000;
    }
}
