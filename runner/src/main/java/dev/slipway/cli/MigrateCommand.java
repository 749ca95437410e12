package dev.slipway.cli;

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

    @Override
    public boolean json() {
        return target.json;
    }

    @Override
    public Integer call() {
        ResolvedTarget t = new TargetResolver(target, parent.env()).resolve();
        PrintWriter out = spec.commandLine().getOut();
        ReportPrinter printer = new ReportPrinter(out);
        if (!target.json) {
            printer.header(t);
        }
        RunProgress progress = target.json ? RunProgress.NONE : printer.progress();
        String sha = commit != null ? commit : parent.env().get("SLIPWAY_COMMIT");
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
}
