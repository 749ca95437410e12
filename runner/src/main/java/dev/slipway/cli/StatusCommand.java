package dev.slipway.cli;

import dev.slipway.migrate.StatusReport;
import dev.slipway.migrate.StatusStep;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipway status}: applied, pending, failed and edited migrations, without changing anything. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show applied, pending, failed, edited (checksum drift) and missing migrations.")
final class StatusCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetFlags target;

    @Override
    public boolean json() {
        return target.json;
    }

    @Override
    public Integer call() {
        ResolvedTarget t = new TargetResolver(target, parent.env()).resolve();
        StatusReport report = new StatusStep(t.target(), t.engine(), t.location(), t.settings())
                .recordingInterruptedRuns(t.state()).call();
        PrintWriter out = spec.commandLine().getOut();
        if (target.json) {
            out.println(Json.write(report));
        } else {
            new ReportPrinter(out).status(report);
        }
        out.flush();
        return 0;
    }
}
