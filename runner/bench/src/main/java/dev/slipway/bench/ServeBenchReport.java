package dev.slipway.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What {@code slipway bench serve} measured: webhook intake (the most serve sustains, and answer times at the
 * target rate), push-to-ready against the plain tools on the same
 * golden, and reconciliation with many open pull requests and nothing to do, with serve's resident memory;
 * then the checks against the targets.
 */
public record ServeBenchReport(Machine machine, Parameters parameters, Intake intake, Intake paced,
                               PushToReady pushToReady, Reconcile reconcile, List<Check> checks) {

    public static final double INTAKE_PER_SECOND = 300;
    public static final double INTAKE_P99_MS = 50;
    public static final long OVERHEAD_MS = 1000;
    public static final double DUMP_RESTORE_RATIO = 5;
    public static final long RECONCILE_MS = 1000;
    public static final long RSS_MB = 400;

    /**
     * @param senders        concurrent webhook senders, each waiting for its answer before its next delivery
     * @param warmUp         deliveries sent before the timed ones, not counted
     * @param pacedPerSecond the rate of the paced intake run, the target rate
     * @param serveJvm       the options of the JVM serve runs in for the memory figure
     */
    public record Parameters(int prs, int deliveries, int warmUp, int senders, double pacedPerSecond, int goldenMb,
                             int reconcileRuns, List<String> serveJvm) {
    }

    /**
     * One webhook intake run: closed loop (as fast as the senders get answers) or paced (answer times counted from
     * when each delivery was due).
     *
     * @param deliveriesFor whose deliveries were sent, and why
     * @param failed        deliveries not answered 2xx
     * @param seconds       from the first timed send to the last answer
     */
    public record Intake(String deliveriesFor, int deliveries, int failed, double seconds, double perSecond,
                         LatencyStats answers) {

        static Intake of(String deliveriesFor, IntakeLoad.Result r) {
            double seconds = r.nanos() / 1e9;
            return new Intake(deliveriesFor, r.deliveries(), r.failed(), round(seconds, 2),
                    round(r.deliveries() / seconds, 1), r.answers());
        }
    }

    /**
     * Push-to-ready on a golden of {@code goldenBytes}, against the plain tools on the same golden: medians of the
     * rounds, and the breakdown of the median round.
     *
     * @param pushToReadyMs    from sending the webhook to the API showing the preview ready
     * @param toBuildStartMs   of which from sending the webhook to the start of serve's build record
     * @param buildMs          of which serve's build record, start to end (clone, Git, lint, migrations, marks)
     * @param restMs           of which the rest: from the end of the build record to the API poll that saw the preview
     *                         ready; the preview is marked ready a moment before the record is closed, so this can be
     *                         slightly negative
     * @param slipwayMigrateMs of the build, Slipway's migrate step
     * @param slipwayStepsMs   each migration's time in Slipway's migrate step
     * @param cloneMs          {@code CREATE DATABASE … TEMPLATE golden}
     * @param flywayMs         the pull request's migrations applied by plain Flyway to that clone
     * @param flywayStepsMs    each migration's time as plain Flyway reports it, in the median round
     * @param rounds           push-to-ready, clone and Flyway of every round
     * @param dumpRestoreMs    {@code pg_dump -Fc | pg_restore} of the golden; {@code null} where the tools are missing
     * @param overheadMs       push-to-ready − (clone + Flyway): what serve adds around the same work
     * @param dumpRestoreRatio dump|restore / push-to-ready; {@code null} where not measured
     */
    public record PushToReady(long goldenBytes, long customers, long orders, long maskMillis, int migrations,
                              long pushToReadyMs, long toBuildStartMs, long buildMs, long restMs, long slipwayMigrateMs,
                              List<Long> slipwayStepsMs, long cloneMs, long flywayMs, List<Long> flywayStepsMs,
                              List<RoundMs> rounds, Long dumpRestoreMs, String dumpRestoreNote, long overheadMs,
                              Double dumpRestoreRatio) {

        static PushToReady of(BenchGolden.Made golden, int migrations, List<PushToReadyPhase.Round> rounds,
                              Long dumpRestoreMs, String dumpRestoreNote) {
            long push = (long) median(rounds.stream().mapToLong(r -> r.slipway().millis()).toArray());
            long clone = (long) median(rounds.stream().mapToLong(r -> r.raw().cloneMs()).toArray());
            long flyway = (long) median(rounds.stream().mapToLong(r -> r.raw().flywayMs()).toArray());
            PushToReadyPhase.Round mid = rounds.stream().sorted(Comparator.comparingLong(r -> r.slipway().millis()))
                    .toList().get((rounds.size() - 1) / 2);
            PushToReadyPhase.Build b = mid.slipway();
            Double ratio = dumpRestoreMs == null ? null : round(dumpRestoreMs / (double) Math.max(1, push), 2);
            List<RoundMs> each = rounds.stream().map(r -> new RoundMs(r.slipway().millis(), r.raw().cloneMs(),
                    r.raw().flywayMs())).toList();
            return new PushToReady(golden.bytes(), golden.customers(), golden.orders(), golden.maskMillis(), migrations,
                    push, b.toStartMs(), b.buildMs(), b.millis() - b.toStartMs() - b.buildMs(), b.migrateMs(), b.stepsMs(),
                    clone, flyway, mid.raw().stepsMs(), each, dumpRestoreMs, dumpRestoreNote, push - clone - flyway, ratio);
        }

        public long cloneAndFlywayMs() {
            return cloneMs + flywayMs;
        }
    }

    /** One round: Slipway's push-to-ready, and the clone and plain Flyway by hand. */
    public record RoundMs(long pushToReadyMs, long cloneMs, long flywayMs) {
    }

    /**
     * Reconciliations with every pull request's preview ready at its head, so with nothing to do.
     *
     * @param runsMs the wall time of each timed {@code reconcileOnce()}
     * @param memory serve's resident memory in a JVM of its own, after it reconciled and listed the previews
     */
    public record Reconcile(int previews, List<Long> runsMs, double medianMs, long maxMs, ProcessMemory memory) {

        static Reconcile of(int previews, long[] runsMs, ProcessMemory memory) {
            return new Reconcile(previews, Arrays.stream(runsMs).boxed().toList(), median(runsMs),
                    Arrays.stream(runsMs).max().orElse(0), memory);
        }
    }

    static ServeBenchReport of(Machine machine, Parameters parameters, Intake intake, Intake paced, PushToReady push,
                               Reconcile reconcile) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("webhook intake, sustained (closed loop, " + parameters.senders() + " senders)",
                String.format(Locale.ROOT, "%,.0f/s", intake.perSecond()),
                String.format(Locale.ROOT, "≥ %,.0f/s", INTAKE_PER_SECOND), intake.perSecond() >= INTAKE_PER_SECOND));
        checks.add(new Check(String.format(Locale.ROOT, "webhook answer p99 at %,.0f/s offered", parameters.pacedPerSecond()),
                ms(paced.answers().p99Ms()), "< " + ms(INTAKE_P99_MS), paced.answers().p99Ms() < INTAKE_P99_MS));
        int failed = intake.failed() + paced.failed();
        checks.add(new Check("webhooks not answered 2xx", String.valueOf(failed), "0", failed == 0));
        checks.add(new Check("push-to-ready overhead over clone + Flyway", millis(push.overheadMs()),
                "< " + millis(OVERHEAD_MS), push.overheadMs() < OVERHEAD_MS));
        if (push.dumpRestoreRatio() != null) {
            checks.add(new Check("dump|restore / push-to-ready", String.format(Locale.ROOT, "%.2f×", push.dumpRestoreRatio()),
                    String.format(Locale.ROOT, "≥ %.0f×", DUMP_RESTORE_RATIO), push.dumpRestoreRatio() >= DUMP_RESTORE_RATIO));
        }
        checks.add(new Check("reconcile, nothing to do, slowest of " + reconcile.runsMs().size(), millis(reconcile.maxMs()),
                "< " + millis(RECONCILE_MS), reconcile.maxMs() < RECONCILE_MS));
        long rss = reconcile.memory().rssMb();
        checks.add(new Check("serve resident memory, " + reconcile.previews() + " previews", rss < 0 ? "unknown" : rss + " MB",
                "< " + RSS_MB + " MB", rss >= 0 && rss < RSS_MB));
        return new ServeBenchReport(machine, parameters, intake, paced, push, reconcile, List.copyOf(checks));
    }

    public boolean targetsMet() {
        return checks.stream().allMatch(Check::passed);
    }

    /** The median of the values; the mean of the two middle ones for an even count; 0 for none. */
    static double median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String millis(long value) {
        return String.format(Locale.ROOT, "%,d ms", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }
}
