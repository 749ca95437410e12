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
        description = "Apply pending migrations with lock and statement timeouts, retrying lock failures.")
final class MigrateCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetFlags target;

    @Option(names = "--dry-run", description = "validate and show what would run; apply nothing")
    boolean dryRun;

    @Option(names = "--commit", paramLabel = "SHA", description = "the Git commit the migrations come from, for the record ($SLIPWAY_COMMIT)")
    String commit;

    @Option(names = "--force", description = "run even though the last gate verdict for this commit and --env failed "
            + "(needs --reason, which is recorded)")
    boolean force;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why --force overrides the failed verdict")
    String reason;

    @Override
    public boolean json() {
        return target.json;
    }

    @Override
    public Integer call() {
        TargetResolver resolver = new TargetResolver(target, parent.env());
        ResolvedTarget t = resolver.resolve();
        String sha = commit != null ? commit : parent.env().get("SLIPWAY_COMMIT");
        MigrateGuard.Decision gate = guard(resolver, t, sha);
        PrintWriter out = spec.commandLine().getOut();
        ReportPrinter printer = new ReportPrinter(out);
        if (!target.json) {
            printer.header(t);
        }
        if (gate.forced() && !target.json) {
            out.println(MigrateGuard.forcedNote(resolver.environment().name(), sha, reason));
        }
        RunProgress progress = target.json ? RunProgress.NONE : printer.progress();
        MigrationReport report = new MigrateStep(new MigrateRequest(t.target(), t.engine(), t.location(), t.settings(),
                dryRun, t.state(), sha), progress).call();
        if (target.json) {
            out.println(Json.write(report));
        } else {
            printer.summary(report);
        }
        out.flush();
        return report.exitCode();
    }

    /** With --env, the gate's rule for the commit (see MigrateGuard), unless --force --reason. */
    private MigrateGuard.Decision guard(TargetResolver resolver, ResolvedTarget t, String sha) {
        if (force != (reason != null) || reason != null && reason.isBlank()) {
            throw new SlipwayException(ErrorCode.USAGE, "--force and --reason go together: say why the failed gate "
                    + "verdict is overridden, e.g. --force --reason \"hotfix for incident 4711\"");
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
