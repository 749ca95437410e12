package dev.slipway.bench;

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
                dev.slipway.lint.rules.Rules.all().size());
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

    private static String header(String bench, Machine m, String params) {
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

    private static String checks(List<Check> checks, boolean met) {
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
