package dev.slipway.bench;

import dev.slipway.migrate.backfill.BackfillStatus;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The text tables {@code slipway bench} prints when {@code --json} is not given. */
public final class ReportText {

    private ReportText() {
    }

    /** The lock-safety report: machine, parameters, one column per tool, then the targets. */
    public static String lockSafety(LockSafetyReport r) {
        LockSafetyReport.Parameters p = r.parameters();
        String params = String.format(Locale.ROOT, "%d rows (autovacuum off on the table), %d clients "
                + "(PK SELECT/UPDATE, autocommit), blocker holds ACCESS SHARE for %d ms, warm-up %d ms; "
                + "Slipway lock_timeout %d ms, retry %s", p.rows(), p.clients(), p.holdMs(), p.warmUpMs(),
                p.lockTimeoutMs(), p.retryPolicy());
        return header("lock-safety", r.machine(), params) + "\n" + phases(r.flyway(), r.slipway()) + "\n"
                + checks(r.checks(), r.targetsMet());
    }

    /** The overhead report: machine, parameters, one row per round, medians and the ratio. */
    public static String lint(LintBenchReport r) {
        String params = String.format(Locale.ROOT, "%d statements in %d Flyway files (%d kB), %d rules; first round on a "
                + "cold JVM as in CI, then warm rounds", r.statements(), r.files(), r.bytes() / 1024,
                dev.slipway.lint.rules.Rules.forRun(null).size());
        TextTable t = new TextTable().row("step", "time", "statements/s")
                .row("slipway lint, cold (first run)", ms(r.coldMillis()), String.valueOf(r.statementsPerSecond()))
                .row("slipway lint, warm (median)", ms(r.warmMillis()), perSecond(r.statements(), r.warmMillis()))
                .row("read + lex + split only (median)", ms(r.splitMillis()), perSecond(r.statements(), r.splitMillis()))
                .row("read files only (median)", ms(r.readMillis()), "")
                .row("findings", String.valueOf(r.findings()), "");
        Check target = new Check("lint time, cold", ms(r.coldMillis()), "< " + ms(r.targetMillis()), r.targetMet());
        return header("lint", r.machine(), params) + "\n" + t + "\n" + checks(List.of(target), r.targetMet());
    }

    private static String perSecond(int statements, long millis) {
        return millis <= 0 ? "-" : String.valueOf(statements * 1000L / millis);
    }

    public static String overhead(OverheadReport r) {
        String params = String.format(Locale.ROOT, "%d migrations (CREATE TABLE / ADD COLUMN) on an empty database, "
                + "%d timed rounds after one warm-up of each tool, a fresh database per run", r.migrations(), r.roundCount());
        TextTable t = new TextTable().row("round", "first", "plain Flyway", "Slipway", "Slipway / Flyway");
        for (OverheadReport.Round round : r.rounds()) {
            t.row(String.valueOf(round.round()), round.first(), round.flywayMs() + " ms", round.slipwayMs() + " ms",
                    ratio((double) round.slipwayMs() / round.flywayMs()));
        }
        t.row("median", "", ms(r.flywayMedianMs()), ms(r.slipwayMedianMs()), ratio(r.ratio()));
        Check target = new Check("Slipway / plain Flyway, medians", ratio(r.ratio()), "≤ " + ratio(r.targetRatio()),
                r.targetMet());
        return header("overhead", r.machine(), params) + "\n" + t + "\n" + checks(List.of(target), r.targetMet());
    }

    /** The gate report: machine, the gate's size, the evaluation times, then the target. */
    public static String gate(GateBenchReport r) {
        String params = String.format(Locale.ROOT, "%d Sloth SLOs (3 instant queries each) on %s, %d PodDisruptionBudgets on "
                + "%s; %d checks per evaluation, run side by side; %d warm-up evaluations, then %d timed",
                r.slos(), r.prometheus(), r.pdbs(), r.apiServer(), r.checks(), r.warmUp(), r.evaluations());
        LatencyStats l = r.latency();
        TextTable t = new TextTable().row("evaluations", "verdict", "p50", "p99", "max")
                .row(String.valueOf(l.queries()), r.outcome(), ms(l.p50Ms()), ms(l.p99Ms()), ms(l.maxMs()));
        Check target = new Check("gate evaluation p99", ms(l.p99Ms()), "< " + ms(r.targetP99Ms()), r.targetMet());
        return header("gate", r.machine(), params) + "\n" + t + "\n" + checks(List.of(target), r.targetMet());
    }

    /** The serve report: machine, parameters, one table per measurement, then the targets. */
    public static String serve(ServeBenchReport r) {
        ServeBenchReport.Parameters p = r.parameters();
        String params = String.format(Locale.ROOT, "%,d webhook deliveries per intake run (after %d warm-up), %d "
                + "senders; golden of %d MB; %d open pull requests for the reconcile, %d timed runs", p.deliveries(),
                p.warmUp(), p.senders(), p.goldenMb(), p.prs(), p.reconcileRuns());
        return header("serve", r.machine(), params) + "\n" + intake(r, p) + "\n" + pushToReady(r.pushToReady())
                + "\n" + reconcile(r.reconcile(), p.serveJvm()) + "\n" + checks(r.checks(), r.targetsMet());
    }

    private static String intake(ServeBenchReport r, ServeBenchReport.Parameters p) {
        String title = "webhook intake: signed GitHub pull_request deliveries for " + r.intake().deliveriesFor() + "\n";
        TextTable t = new TextTable().row("", "rate", "answer time p50 / p99 / max");
        intakeRow(t, "closed loop, " + p.senders() + " senders", r.intake());
        intakeRow(t, String.format(Locale.ROOT, "paced at %,.0f/s (from due time)", p.pacedPerSecond()), r.paced());
        return title + t;
    }

    private static void intakeRow(TextTable t, String name, ServeBenchReport.Intake i) {
        LatencyStats a = i.answers();
        t.row(name, String.format(Locale.ROOT, "%,.0f deliveries/s (%,d in %.2f s, %d not answered 2xx)", i.perSecond(),
                i.deliveries(), i.seconds(), i.failed()), ms(a.p50Ms()) + " / " + ms(a.p99Ms()) + " / " + ms(a.maxMs()));
    }

    private static String pushToReady(ServeBenchReport.PushToReady p) {
        String title = String.format(Locale.ROOT, "push-to-ready: golden %.1f MB (%,d customers, %,d orders, masked by "
                + "MaskStep in %,d ms), pull request with %d migrations; medians of %d rounds, breakdown of the median "
                + "round%n", p.goldenBytes() / 1e6, p.customers(), p.orders(), p.maskMillis(), p.migrations(),
                p.rounds().size());
        TextTable t = new TextTable()
                .row("Slipway: webhook → API says ready", millis(p.pushToReadyMs()) + " (rounds: "
                        + p.rounds().stream().map(ServeBenchReport.RoundMs::pushToReadyMs).toList() + " ms)")
                .row("  webhook → build starts", millis(p.toBuildStartMs()))
                .row("  build (clone, Git, lint, migrate, marks)", millis(p.buildMs()) + " (Slipway's migrate step "
                        + millis(p.slipwayMigrateMs()) + ")")
                .row("  rest (build record closed, API poll)", millis(p.restMs()))
                .row("  each migration, in Slipway's migrate step", p.slipwayStepsMs() + " ms")
                .row("raw CREATE DATABASE … TEMPLATE golden", millis(p.cloneMs()) + " (rounds: "
                        + p.rounds().stream().map(ServeBenchReport.RoundMs::cloneMs).toList() + " ms)")
                .row("raw clone + plain Flyway", millis(p.cloneAndFlywayMs()) + " (Flyway " + millis(p.flywayMs())
                        + "; rounds: " + p.rounds().stream().map(ServeBenchReport.RoundMs::flywayMs).toList() + " ms)")
                .row("  each migration, plain Flyway", p.flywayStepsMs() + " ms")
                .row("pg_dump | pg_restore", p.dumpRestoreMs() == null ? "not measured: " + p.dumpRestoreNote()
                        : millis(p.dumpRestoreMs()) + ", " + p.dumpRestoreNote())
                .row("overhead: push-to-ready − (clone + Flyway)", millis(p.overheadMs()));
        if (p.dumpRestoreRatio() != null) {
            t.row("dump|restore / push-to-ready", String.format(Locale.ROOT, "%.2f (dump|restore / raw clone alone: %.2f)",
                    p.dumpRestoreRatio(), p.dumpRestoreMs() / (double) Math.max(1, p.cloneMs())));
        }
        return title + t;
    }

    private static String reconcile(ServeBenchReport.Reconcile r, List<String> serveJvm) {
        ProcessMemory m = r.memory();
        return new TextTable().row("reconcile", r.previews() + " open pull requests, each with its preview ready at its "
                        + "head: nothing to do")
                .row("reconcileOnce(), leader, median / max", ms(r.medianMs()) + " / " + millis(r.maxMs())
                        + " (" + r.runsMs().size() + " runs: " + r.runsMs() + ")")
                .row("serve resident memory (VmRSS / VmHWM)", m.rssMb() + " MB / " + m.peakMb() + " MB, serve in a JVM of "
                        + "its own (" + (serveJvm.isEmpty() ? "JVM defaults" : String.join(" ", serveJvm)) + ") after "
                        + "reconciling and listing the previews").toString();
    }

    private static String millis(long value) {
        return String.format(Locale.ROOT, "%,d ms", value);
    }

    /** The backfill report: machine, parameters, one row per way, the checks. */
    public static String backfill(BackfillBenchReport r) {
        BackfillBenchReport.Parameters p = r.parameters();
        String params = String.format(Locale.ROOT, "%,d rows, %d clients (PK SELECT/UPDATE, autocommit), baseline %d ms, "
                + "standby %s (streaming, pg_basebackup); the change: UPDATE every row SET touched = touched + 1",
                p.rows(), p.clients(), p.baselineMs(), p.standby());
        BackfillBenchReport.Slipway s = r.slipway();
        TextTable t = new TextTable().row("way", "seconds", "clients' p99", "p50", "longest", "queries/s",
                        "standby lag max", "notes")
                .row("clients alone (baseline)", BackfillBenchReport.seconds(r.baseline().seconds()),
                        BackfillBenchReport.ms(r.baseline().appP99Ms()), BackfillBenchReport.ms(r.baseline().appP50Ms()),
                        BackfillBenchReport.ms(r.baseline().appMaxMs()), rate(r.baseline().queries(),
                                r.baseline().seconds()), "", "")
                .row("one plain UPDATE (plain Flyway)", BackfillBenchReport.seconds(r.naive().seconds()),
                        BackfillBenchReport.ms(r.naive().appP99Ms()), BackfillBenchReport.ms(r.naive().appP50Ms()),
                        BackfillBenchReport.ms(r.naive().appMaxMs()), rate(r.naive().queries(), r.naive().seconds()),
                        BackfillBenchReport.seconds(r.naive().lagMaxSeconds()), r.naive().succeeded() ? ""
                                : "FAILED: " + r.naive().error())
                .row("Slipway backfill (max-lag " + BackfillBenchReport.seconds(s.maxLagSetting()) + ")",
                        BackfillBenchReport.seconds(s.seconds()), BackfillBenchReport.ms(s.appP99Ms()),
                        BackfillBenchReport.ms(s.appP50Ms()), BackfillBenchReport.ms(s.appMaxMs()),
                        rate(s.queries(), s.seconds()), BackfillBenchReport.seconds(s.lagMaxSeconds()),
                        s.succeeded() ? s.batches() + " batches, " + (BackfillStatus.pauses(s.pausedSeconds()).isEmpty()
                                ? "never paused" : "paused " + BackfillStatus.pauses(s.pausedSeconds()))
                                : "FAILED: " + s.error());
        return header("backfill", r.machine(), params) + "\n" + t + "\n" + checks(r.checks(), r.targetsMet());
    }

    private static String rate(int queries, double seconds) {
        return seconds <= 0 ? "" : String.format(Locale.ROOT, "%,.0f", queries / seconds);
    }

    static String header(String bench, Machine m, String params) {
        String busy = m.busy() ? String.format(Locale.ROOT, "WARNING: other work kept the CPUs %.0f%% busy just "
                + "before the benchmark started; it skews these figures: rerun on an idle machine%n", m.busyBefore()) : "";
        TextTable t = new TextTable()
                .row("slipway bench " + bench)
                .row("machine", m.cores() + " cores (" + m.cpu() + "), " + m.jvm() + ", " + m.os())
                .row("idle check", m.busyBefore() < 0 ? "unknown" : String.format(Locale.ROOT,
                        "CPUs %.1f%% busy in the second before the start", m.busyBefore()));
        if (!"-".equals(m.server())) {
            t.row("server", m.postgres() + ", " + m.server());
        }
        return busy + t.row("parameters", params).toString();
    }

    private static String phases(LockSafetyReport.Phase flyway, LockSafetyReport.Phase slipway) {
        TextTable t = new TextTable().row("", flyway.tool(), slipway.tool());
        row(t, "migration", flyway, slipway, ph -> ph.succeeded() ? "succeeded" : "failed");
        row(t, "migration wall time", flyway, slipway, ph -> ph.migrationMs() + " ms");
        row(t, "retries", flyway, slipway, ph -> String.valueOf(ph.retries()));
        row(t, "hold left at migration start", flyway, slipway, ph -> ph.holdLeftAtStartMs() + " ms");
        row(t, "ended after blocker release", flyway, slipway,
                ph -> ph.finishedAfterReleaseMs() == null ? "before release" : ph.finishedAfterReleaseMs() + " ms");
        row(t, "client p50 / p99 before blocker", flyway, slipway,
                ph -> ms(ph.baseline().p50Ms()) + " / " + ms(ph.baseline().p99Ms()));
        row(t, "client queries during migration", flyway, slipway, ph -> String.valueOf(ph.duringMigration().queries()));
        row(t, "client p99 during migration", flyway, slipway, ph -> ms(ph.duringMigration().p99Ms()));
        row(t, "longest client stall", flyway, slipway, ph -> ms(ph.duringMigration().maxMs()));
        row(t, "client errors", flyway, slipway, ph -> String.valueOf(ph.clientErrors()));
        return t.toString();
    }

    private static void row(TextTable t, String name, LockSafetyReport.Phase a, LockSafetyReport.Phase b,
                            Function<LockSafetyReport.Phase, String> cell) {
        t.row(name, cell.apply(a), cell.apply(b));
    }

    static String checks(List<Check> checks, boolean met) {
        TextTable t = new TextTable().row("target", "observed", "expected", "result");
        for (Check c : checks) {
            t.row(c.name(), c.observed(), c.expected(), c.passed() ? "met" : "MISSED");
        }
        return t + (met ? "all targets met\n" : "TARGET MISSED\n");
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
