package dev.slipway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures of {@code slipway bench mask}: each copy's time in every round, the medians with rows/s and MB/s
 * (of COPY text), where Slipway's time went, its peak heap, and the checks against the targets, which compare
 * medians.
 *
 * @param launch how Slipway was started
 * @param rounds per round, the runs of Slipway, the COPY pipe and pg_dump | pg_restore, in that order
 */
public record MaskBenchReport(Machine machine, MaskBench.Options parameters, long bytes, String launch,
                              List<List<Run>> rounds, List<Check> checks) {

    /** Ratio of Slipway's time to the COPY pipe's that the issue allows. */
    public static final double PIPE_RATIO = 1.5;
    public static final long HEAP_MB = 256;

    static final int SLIPWAY = 0;
    static final int PIPE = 1;
    static final int DUMP = 2;

    /**
     * One copy. {@code millis} is the wall time (for Slipway including its JVM's start), {@code innerMillis}
     * the time the tool itself reports; {@code heapPeakMb} is -1 and {@code phases} null where not measured.
     */
    public record Run(String tool, boolean succeeded, long millis, long innerMillis, long heapPeakMb, Phases phases,
                      String error) {
        static Run failed(String tool, long millis, String error) {
            return new Run(tool, false, millis, millis, -1, null, error);
        }
    }

    /** Slipway's own account of a run: the target's schema, the rows, then indexes and constraints. */
    public record Phases(long schemaMillis, long copyMillis, long postDataMillis, long analyzeMillis) {
    }

    static MaskBenchReport of(Machine machine, MaskBench.Options options, long bytes, String launch,
                              List<List<Run>> rounds) {
        List<Check> checks = new ArrayList<>();
        long slipway = median(rounds, SLIPWAY);
        long pipe = median(rounds, PIPE);
        long dump = median(rounds, DUMP);
        checks.add(check("Slipway / COPY pipe (medians)", slipway / (double) Math.max(1, pipe), PIPE_RATIO,
                slipway > 0 && pipe > 0));
        if (dump > 0) {
            checks.add(check("Slipway / pg_dump|pg_restore (medians)", slipway / (double) dump, 1.0, slipway > 0));
        }
        long heap = rounds.stream().mapToLong(r -> r.get(SLIPWAY).heapPeakMb()).max().orElse(-1);
        checks.add(new Check("Slipway peak heap (MB, under -Xmx256m)", heap, HEAP_MB, slipway > 0 && heap < HEAP_MB));
        return new MaskBenchReport(machine, options, bytes, launch, List.copyOf(rounds), List.copyOf(checks));
    }

    /** The median wall time of copy {@code copy} over the rounds, or -1 when one of its runs failed. */
    static long median(List<List<Run>> rounds, int copy) {
        if (rounds.stream().anyMatch(r -> !r.get(copy).succeeded())) {
            return -1;
        }
        long[] ms = rounds.stream().mapToLong(r -> r.get(copy).millis()).sorted().toArray();
        return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
    }

    private static Check check(String what, double observed, double limit, boolean ran) {
        return new Check(what, Math.round(observed * 100) / 100.0, limit, ran && observed <= limit);
    }

    public boolean targetsMet() {
        return checks.stream().allMatch(Check::met);
    }

    /** The report as text. */
    public String text() {
        TextTable t = new TextTable().row("copy", "median", "rounds", "rows/s", "MB/s", "peak heap", "");
        for (int copy = SLIPWAY; copy <= DUMP; copy++) {
            int c = copy;
            long median = median(rounds, c);
            Run first = rounds.get(0).get(c);
            String each = rounds.stream().map(r -> r.get(c).succeeded() ? seconds(r.get(c).millis()) : "failed")
                    .collect(Collectors.joining(", "));
            String error = rounds.stream().map(r -> r.get(c)).filter(r -> !r.succeeded()).map(Run::error).findFirst()
                    .orElse("");
            long heap = rounds.stream().mapToLong(r -> r.get(c).heapPeakMb()).max().orElse(-1);
            double s = median / 1000.0;
            t.row(first.tool(), median > 0 ? seconds(median) + " s" : "-", each,
                    median > 0 ? String.format(Locale.ROOT, "%,.0f", parameters.rows() / s) : "-",
                    median > 0 ? String.format(Locale.ROOT, "%.1f", bytes / 1e6 / s) : "-",
                    heap >= 0 ? heap + " MB" : "", error);
        }
        TextTable c = new TextTable().row("check", "observed", "target", "met");
        checks.forEach(k -> c.row(k.name(), String.valueOf(k.observed()), "<= " + k.target(), k.met() ? "yes" : "NO"));
        return String.format(Locale.ROOT, "slipway bench mask: %,d rows (40 %% customers with 5 masked columns, 60 %% "
                + "orders), %.1f MB of COPY text, %d jobs, %d rounds%nmachine: %d cores (%s), %s, %s, %s, CPUs %.1f %% "
                + "busy before%nSlipway started by %s%n%n", parameters.rows(), bytes / 1e6, parameters.jobs(),
                rounds.size(), machine.cores(), machine.cpu(), machine.jvm(), machine.postgres(), machine.server(),
                machine.busyBefore(), launch) + t + phases() + "\n" + c;
    }

    /** Where Slipway's time went in its run nearest the median: what precedes the copy is JVM start, checks, catalogs. */
    private String phases() {
        long median = median(rounds, SLIPWAY);
        Run run = rounds.stream().map(r -> r.get(SLIPWAY)).filter(r -> r.phases() != null)
                .min(java.util.Comparator.comparingLong(r -> Math.abs(r.millis() - median))).orElse(null);
        if (median < 0 || run == null) {
            return "";
        }
        Phases p = run.phases();
        long before = run.millis() - p.schemaMillis() - p.copyMillis() - p.postDataMillis() - p.analyzeMillis();
        return String.format(Locale.ROOT, "%nSlipway's median run: %s s to start, check and read the catalogs, %s s "
                + "for the target's schema, %s s for the rows, %s s for indexes and constraints, %s s for the "
                + "statistics (ANALYZE)%n", seconds(before), seconds(p.schemaMillis()), seconds(p.copyMillis()),
                seconds(p.postDataMillis()), seconds(p.analyzeMillis()));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** A target: {@code observed} against {@code target}. */
    public record Check(String name, double observed, double target, boolean met) {
    }
}
