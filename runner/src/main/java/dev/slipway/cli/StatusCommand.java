package dev.slipway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.HistoryCheck;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.MigrationStatus;
import dev.slipway.migrate.StatusReport;
import dev.slipway.migrate.StatusStep;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slipway status}: applied, pending, failed and edited migrations, without changing anything. With
 * {@code --exit-code} the exit code says whether the database is up to date, for CI.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show applied, pending, failed, edited (checksum drift), missing and out-of-order migrations.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the status was read; with --exit-code: every migration is applied, nothing to do",
                "1:with --exit-code: migrations are pending (slipway migrate would apply them)",
                "2:bad input or usage: flags, slipway.yaml, location, engine, a missing password variable",
                "3:cannot connect to the database",
                "6:with --exit-code: slipway migrate would refuse: an applied migration edited (checksum drift), "
                        + "missing or failed, or a pending one out of order (unless outOfOrder is allowed)",
                "70:a bug in Slipway"})
final class StatusCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionFlags connection;

    @Mixin
    SourceFlags source;

    @Option(names = "--exit-code", description = "exit 1 when migrations are pending, 6 when the history has edited, "
            + "missing, failed or out-of-order ones (the reasons go to stderr), 0 when up to date")
    boolean exitCode;

    @Option(names = "--json", description = "print the report as one JSON document (an error too)")
    boolean json;

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
        ResolvedTarget t = new TargetResolver(connection, source, null, null, parent.env()).resolve();
        subject = t.target().redactedUrl();
        StatusReport report = new StatusStep(t.target(), t.engine(), t.location(), t.settings())
                .recordingInterruptedRuns(t.state()).call();
        SlipwayException refused = exitCode ? refusal(report, t) : null;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(refused == null ? report : withError(report, refused)));
        } else {
            new ReportPrinter(out).status(report);
        }
        out.flush();
        return exitCode ? verdict(report, t, refused) : 0;
    }

    /** Why {@code slipway migrate} would refuse this history, as it would say it; {@code null} when it would run. */
    private static SlipwayException refusal(StatusReport report, ResolvedTarget t) {
        try {
            HistoryCheck.verify(new MigrationStatus(t.engine(), report.migrations()), t.settings().outOfOrder());
            return null;
        } catch (SlipwayException e) {
            return e;
        }
    }

    private ObjectNode withError(StatusReport report, SlipwayException refused) {
        ObjectNode doc = Json.MAPPER.valueToTree(report);
        doc.setAll((ObjectNode) Json.MAPPER.valueToTree(ErrorDocument.of(refused, spec.qualifiedName(), subject)));
        return doc;
    }

    /** 6 when migrate would refuse, 1 when it has work to do, 0 when it has none; the reason on stderr. */
    private int verdict(StatusReport report, ResolvedTarget t, SlipwayException refused) {
        PrintWriter err = spec.commandLine().getErr();
        if (refused != null) {
            err.println("status: " + refused.getMessage());
            err.flush();
            return refused.exitCode();
        }
        long pending = report.counts().get(MigrationState.PENDING)
                + (t.settings().outOfOrder() ? report.counts().get(MigrationState.OUT_OF_ORDER) : 0);
        if (pending > 0) {
            err.println("status: " + pending + " migration" + (pending == 1 ? " is" : "s are") + " pending; "
                    + "slipway migrate applies " + (pending == 1 ? "it" : "them"));
            err.flush();
            return 1;
        }
        return 0;
    }
}
