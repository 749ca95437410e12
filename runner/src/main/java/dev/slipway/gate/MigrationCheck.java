package dev.slipway.gate;

import dev.slipway.SlipwayException;
import dev.slipway.config.GateConfig;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.LintStep;
import dev.slipway.lint.Severity;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.HistoryCheck;
import dev.slipway.migrate.MigrationEntry;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.StatusStep;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Migration health of the environment's database for the commit being promoted: its history validates (no edited,
 * missing or failed applied migration), the pending migrations lint with no unacknowledged error, and each pending
 * migration ran successfully on a preview, found in the audit log by name and checksum; with performance windows
 * configured, heavy pending migrations only inside one ({@link HeavyDdl}).
 */
public final class MigrationCheck implements GateCheck {

    /** Where the migrations are and how to read them. */
    public record Source(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings,
                         LintSettings lint) {
    }

    private final Source source;
    private final PreviewEvidence evidence;
    private final GateConfig.Heavy heavy;
    private final Clock clock;
    private volatile List<PreviewEvidence.Step> pending = List.of();

    public MigrationCheck(Source source, PreviewEvidence evidence) {
        this(source, evidence, null, Clock.systemUTC());
    }

    /**
     * @param heavy which migrations are heavy and when they may go ({@code migrations:window}); {@code null}: any time
     * @param clock the time the performance windows are read at
     */
    public MigrationCheck(Source source, PreviewEvidence evidence, GateConfig.Heavy heavy, Clock clock) {
        this.source = source;
        this.evidence = evidence;
        this.heavy = heavy;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "migrations";
    }

    @Override
    public Object inputs() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("target", source.target().redactedUrl());
        in.put("engine", source.engine().id());
        in.put("location", source.location().toString());
        in.put("pending", pending);
        return in;
    }

    @Override
    public List<CheckResult> run() {
        MigrationStatus status = new MigrationStatus(source.engine(), new StatusStep(source.target(), source.engine(),
                source.location(), source.settings()).call().migrations());
        List<MigrationEntry> waiting = status.entries().stream().filter(e -> e.state() == MigrationState.PENDING
                || e.state() == MigrationState.OUT_OF_ORDER).toList();
        pending = waiting.stream().map(e -> new PreviewEvidence.Step(e.displayName(), e.current())).toList();
        List<CheckResult> results = new ArrayList<>(List.of(history(status), lint(waiting.size()), previews()));
        if (heavy != null) {
            results.add(window());
        }
        return results;
    }

    private CheckResult window() {
        try {
            return HeavyDdl.decide(heavy, pending, evidence.traced(pending), clock.instant());
        } catch (SQLException e) {
            return CheckResult.unknown(HeavyDdl.NAME, "heavy migrations only inside performance windows",
                    "cannot read the preview builds' traced runs: " + e.getMessage());
        }
    }

    private CheckResult history(MigrationStatus status) {
        String observed = status.count(MigrationState.APPLIED) + " applied, " + pending.size() + " pending";
        String threshold = "no edited, missing or failed applied migration";
        try {
            HistoryCheck.verify(status, source.settings().outOfOrder());
            return CheckResult.pass("migrations:history", observed, threshold, "the history validates");
        } catch (SlipwayException e) {
            String first = e.getMessage().lines().limit(3).collect(Collectors.joining(" "));
            return CheckResult.fail("migrations:history", observed, threshold, first);
        }
    }

    private CheckResult lint(int count) {
        String threshold = "no unacknowledged lint error";
        if (count == 0) {
            return CheckResult.pass("migrations:lint", "0 pending", threshold, "no pending migration to lint");
        }
        LintReport report = new LintStep(new LintStep.Request(source.engine(), source.location(), source.lint(),
                source.target(), source.settings(), true, false, Path.of("").toAbsolutePath())).call();
        List<Finding> errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        String observed = errors.size() + " error" + (errors.size() == 1 ? "" : "s") + ", "
                + report.count(Severity.WARNING) + " warnings in " + count + " pending";
        if (errors.isEmpty()) {
            return CheckResult.pass("migrations:lint", observed, threshold, "pending migrations lint clean");
        }
        String list = errors.stream().limit(3).map(f -> f.migration() + ":" + f.line() + " " + f.rule())
                .collect(Collectors.joining(", "));
        return CheckResult.fail("migrations:lint", observed, threshold, errors.size() + " unacknowledged lint error"
                + (errors.size() == 1 ? "" : "s") + ": " + list + (errors.size() > 3 ? ", …" : "")
                + "; fix them or acknowledge each with -- slipway:allow RULE reason: …");
    }

    private CheckResult previews() {
        String threshold = "every pending migration ran on a preview";
        Set<PreviewEvidence.Step> found;
        try {
            found = evidence.ranOnPreview(pending);
        } catch (SQLException e) {
            return CheckResult.unknown("migrations:preview", threshold, "cannot read the audit log: " + e.getMessage());
        }
        List<String> missing = new ArrayList<>();
        pending.stream().filter(p -> !found.contains(p))
                .forEach(p -> missing.add(p.migration() + " (checksum " + p.checksum() + ")"));
        String observed = found.size() + "/" + pending.size() + " ran on a preview";
        if (missing.isEmpty()) {
            return CheckResult.pass("migrations:preview", observed, threshold, pending.isEmpty()
                    ? "no pending migration" : "every pending migration ran successfully on a preview");
        }
        return CheckResult.fail("migrations:preview", observed, threshold, "never ran successfully on a preview: "
                + String.join(", ", missing));
    }
}
