package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.audit.RunLog;
import dev.slipway.db.ConnectionPool;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.gate.MigrateGuard;
import dev.slipway.gate.VerdictStore;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.migrate.backfill.BackfillRuntime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipway migrate}: apply pending migrations, forward-only and lock-safe. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending migrations with lock and statement timeouts, retrying lock failures.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:applied, or nothing to apply; --dry-run listed the plan",
                "1:refused by the gate of --env: no commit given, no verdict for this commit, or its last verdict failed "
                        + "(override with --force --reason)",
                "2:bad input or usage: flags, slipway.yaml, location, engine, a missing password variable",
                "3:cannot connect to the database (or to the state database)",
                "4:a migration failed or hit statement_timeout; its transaction was rolled back (a script that commits "
                        + "itself: the report says what stayed committed)",
                "5:blocked: lock_timeout retries exhausted, or another migrate holds the writer lock",
                "6:the history refuses the run: an applied migration edited (checksum drift), missing or failed, a "
                        + "pending one out of order, or tables without history (use --baseline-version)",
                "70:a bug in Slipway"})
final class MigrateCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionFlags connection;

    @Mixin
    SourceFlags source;

    @Mixin
    TimeoutFlags timeouts;

    @Option(names = "--baseline-version", paramLabel = "VERSION", description = "adopt a database that has tables but "
            + "no Flyway history: record it at VERSION, apply only newer migrations")
    String baselineVersion;

    @Option(names = "--json", description = "print the report as one JSON document (an error too)")
    boolean json;

    @Option(names = "--dry-run", description = "validate and show what would run; apply nothing")
    boolean dryRun;

    @Option(names = "--commit", paramLabel = "SHA", description = "the Git commit the migrations come from: recorded, and the one whose gate verdict --env "
            + "requires ($SLIPWAY_COMMIT)")
    String commit;

    @Option(names = "--force", description = "run although the gate of --env did not pass this commit (no commit, no "
            + "verdict, or a failed one); needs --reason, which is recorded")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why --force overrides the gate")
    String reason;

    private String subject;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public String subject() {
        return subject;
    }

    @Override
    public Integer call() {
        TargetResolver resolver = new TargetResolver(connection, source, timeouts, baselineVersion, parent.env());
        ResolvedTarget t = resolver.resolve();
        subject = t.target().redactedUrl();
        String sha = commit != null ? commit : parent.env().get("SLIPWAY_COMMIT");
        MigrateGuard.Decision gate = guard(resolver, t, sha);
        PrintWriter out = spec.commandLine().getOut();
        ReportPrinter printer = new ReportPrinter(out);
        if (!json) {
            printer.header(t);
        }
        if (gate.forced() && !json) {
            out.println(MigrateGuard.forcedNote(resolver.environment().name(), sha, reason));
        }
        RunProgress progress = json ? RunProgress.NONE : printer.progress();
        BackfillRuntime backfills = BackfillSetup.of(resolver.environment(), parent.env(), t.settings().connectTimeout(),
                new BackfillLine(spec.commandLine().getErr(), System::nanoTime));
        MigrationReport report = new MigrateStep(new MigrateRequest(t.target(), t.engine(), t.location(), t.settings(),
                dryRun, t.state(), sha, backfills), progress).call();
        if (json) {
            out.println(Json.write(report.succeeded() ? report : ErrorDocument.of(report, spec.qualifiedName())));
        } else {
            printer.summary(report);
        }
        out.flush();
        return report.exitCode();
    }

    /** With --env, the gate's rule for the commit (see MigrateGuard), unless --force --reason. */
    private MigrateGuard.Decision guard(TargetResolver resolver, ResolvedTarget t, String sha) {
        if (force != (reason != null) || reason != null && reason.isBlank()) {
            throw new SlipwayException(ErrorCode.USAGE, "--force and --reason go together: say why the gate is "
                    + "overridden, e.g. --force --reason \"hotfix for incident 4711\"");
        }
        boolean gated = resolver.environment() != null && resolver.environment().gate() != null;
        if (resolver.environment() == null || sha == null && !gated || dryRun) {
            return MigrateGuard.Decision.NO_VERDICT;
        }
        ConnectionSpec stateDb = t.state() != null ? t.state() : t.target();
        RunLog.ensureSchema(stateDb);
        try (ConnectionPool pool = new ConnectionPool(stateDb, "slipway-migrate-gate", 1)) {
            return MigrateGuard.check(new VerdictStore(pool), resolver.environment().name(), sha, gated, force,
                    reason);
        }
    }
}
