package dev.slipway.bench;

import java.util.List;
import java.util.Locale;

/**
 * The figures of {@code slipway bench mask}: each copy's time, rows/s and MB/s (of COPY text), Slipway's
 * peak heap, and the checks against the targets.
 */
public record MaskBenchReport(Machine machine, MaskBench.Options parameters, long bytes, List<Run> runs,
                              List<Check> checks) {

    /** Ratio of Slipway's time to the COPY pipe's that the issue allows. */
    public static final double PIPE_RATIO = 1.5;
    public static final long HEAP_MB = 256;

    /**
     * One copy. {@code millis} is the wall time (for Slipway including its JVM's start), {@code innerMillis}
     * the time the tool itself reports; {@code heapPeakMb} is -1 where not measured.
     */
    public record Run(String tool, boolean succeeded, long millis, long innerMillis, long heapPeakMb, String error) {
        static Run failed(String tool, long millis, String error) {
            return new Run(tool, false, millis, millis, -1, error);
        }
    }

    static MaskBenchReport of(Machine machine, MaskBench.Options options, long bytes, List<Run> runs) {
        Run slipway = runs.get(0);
        Run pipe = runs.get(1);
        Run dump = runs.get(2);
        List<Check> checks = new java.util.ArrayList<>();
        checks.add(check("Slipway / COPY pipe", slipway.millis() / (double) Math.max(1, pipe.millis()), PIPE_RATIO,
                slipway.succeeded() && pipe.succeeded()));
        if (dump.succeeded()) {
            checks.add(check("Slipway / pg_dump|pg_restore", slipway.millis() / (double) Math.max(1, dump.millis()), 1.0,
                    slipway.succeeded()));
        }
        checks.add(new Check("Slipway peak heap (MB, under -Xmx256m)", slipway.heapPeakMb(), HEAP_MB,
                slipway.succeeded() && slipway.heapPeakMb() < HEAP_MB));
        return new MaskBenchReport(machine, options, bytes, runs, checks);
    }

    private static Check check(String what, double observed, double limit, boolean ran) {
        return new Check(what, Math.round(observed * 100) / 100.0, limit, ran && observed <= limit);
    }

    public boolean targetsMet() {
        return checks.stream().allMatch(Check::met);
    }

    /** The report as text. */
    public String text() {
        TextTable t = new TextTable().row("copy", "time", "rows/s", "MB/s", "peak heap", "");
        for (Run r : runs) {
            double s = r.millis() / 1000.0;
            t.row(r.tool(), r.succeeded() ? String.format(Locale.ROOT, "%.1f s", s) : "-",
                    r.succeeded() ? String.format(Locale.ROOT, "%,.0f", parameters.rows() / s) : "-",
                    r.succeeded() ? String.format(Locale.ROOT, "%.1f", bytes / 1e6 / s) : "-",
                    r.heapPeakMb() >= 0 ? r.heapPeakMb() + " MB" : "", r.succeeded() ? "" : r.error());
        }
        TextTable c = new TextTable().row("check", "observed", "target", "met");
        checks.forEach(k -> c.row(k.name(), String.valueOf(k.observed()), "<= " + k.target(), k.met() ? "yes" : "NO"));
        return String.format(Locale.ROOT, "slipway bench mask: %,d rows (40 %% customers with 5 masked columns, 60 %% "
                + "orders), %.1f MB of COPY text, %d jobs%nmachine: %d cores (%s), %s, %s, %s, CPUs %.1f %% busy before%n%n",
                parameters.rows(), bytes / 1e6, parameters.jobs(), machine.cores(), machine.cpu(), machine.jvm(),
                machine.postgres(), machine.server(), machine.busyBefore()) + t + "\n" + c;
    }

    /** A target: {@code observed} against {@code target}. */
    public record Check(String name, double observed, double target, boolean met) {
    }
}
