package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.LintStep;
import dev.slipway.lint.Linter;
import dev.slipway.lint.MaskingFile;
import dev.slipway.lint.MetaRules;
import dev.slipway.lint.RuleInfo;
import dev.slipway.lint.TraceRules;
import dev.slipway.lint.plan.QueriesFile;
import dev.slipway.lint.report.GithubAnnotations;
import dev.slipway.lint.report.LintFormat;
import dev.slipway.lint.report.SarifReport;
import dev.slipway.lint.report.TextReport;
import dev.slipway.lint.rules.Rules;
import dev.slipway.migrate.RunContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipway lint}: static safety rules over the migrations, and optionally a traced run on a scratch copy. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Find migrations that would block traffic, rewrite large tables or break the running app.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no error-level finding", "1:at least one error-level finding", "2:bad input or usage",
                "3:cannot connect"})
final class LintCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionFlags connection;

    @Mixin
    SourceFlags source;

    /** For --trace, which applies the pending migrations to a scratch copy. */
    @Mixin
    TimeoutFlags timeouts;

    @Option(names = "--json", description = "print the report as one JSON document (an error too); the same as "
            + "--format json")
    boolean json;

    @Option(names = "--format", paramLabel = "text|json|sarif|github", description = "report format (default text)")
    String format;

    @Option(names = "--only-pending", description = "lint only migrations the database (--url) has not applied yet")
    boolean onlyPending;

    @Option(names = "--trace", description = "apply the pending migrations to a scratch copy of the database (--url) "
            + "and measure the locks, rewrites and time they take (with --lock-timeout and --statement-timeout)")
    boolean trace;

    @Option(names = "--list-rules", description = "list the rules and their default severities, then exit")
    boolean listRules;

    @Option(names = "--masking", paramLabel = "FILE", description = "check that every column the migrations add has a "
            + "rule in these masking rules (rule masking-coverage); default: lint.masking in slipway.yaml, else not checked")
    Path masking;

    @Option(names = "--queries", paramLabel = "FILE", description = "with --trace, explain these key queries (each after "
            + "a `-- name: NAME` line) before and after the pending migrations (rule plan-regression); default: "
            + "lint.queries in slipway.yaml, else queries.sql beside the migrations when present")
    Path queries;

    @Override
    public boolean json() {
        return format == null ? json : "json".equalsIgnoreCase(format.trim());
    }

    private LintFormat format() {
        return format != null ? LintFormat.parse(format) : json ? LintFormat.JSON : LintFormat.TEXT;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LintFormat chosen = format();
        if (listRules) {
            listRules(out);
            return 0;
        }
        TargetResolver resolver = new TargetResolver(connection, source, timeouts, null, parent.env());
        SlipwayConfig config = resolver.config();
        LintSettings settings = LintSettings.from(config.lint(), config.file(), Linter.ids(Rules.all()));
        if (masking != null) {
            settings = settings.withMasking(MaskingFile.of(masking));
        }
        if (queries != null && !trace) {
            throw new SlipwayException(ErrorCode.USAGE, "--queries explains the key queries in the traced run: "
                    + "add --trace (with --url), or leave --queries out");
        }
        if (queries != null) {
            settings = settings.withQueries(QueriesFile.of(queries));
        }
        boolean needsDatabase = onlyPending || trace;
        if (needsDatabase && connection.url == null && parent.env().get("SLIPWAY_URL") == null && connection.environment == null
                && parent.env().get("SLIPWAY_ENV") == null) {
            throw new SlipwayException(ErrorCode.USAGE, (trace ? "--trace" : "--only-pending")
                    + " needs the database: pass --url JDBC_URL (or SLIPWAY_URL, or --env)");
        }
        LintReport report = new LintStep(new LintStep.Request(resolver.engine(), resolver.location(), settings,
                needsDatabase ? resolver.resolve().target() : null, resolver.settings(), onlyPending, trace,
                Path.of("").toAbsolutePath())).call();
        print(report, chosen, out);
        out.flush();
        return report.exitCode();
    }

    private static void print(LintReport report, LintFormat format, PrintWriter out) {
        switch (format) {
            case JSON -> out.println(Json.write(Map.of("summary", TextReport.summary(report), "errors",
                    report.count(dev.slipway.lint.Severity.ERROR), "warnings", report.count(dev.slipway.lint.Severity.WARNING),
                    "report", report)));
            case SARIF -> out.println(Json.write(SarifReport.of(report, allRules(), RunContext.slipwayVersion())));
            case GITHUB -> GithubAnnotations.write(report, out);
            default -> TextReport.write(report, out);
        }
    }

    static List<RuleInfo> allRules() {
        List<RuleInfo> all = new ArrayList<>();
        Rules.all().forEach(r -> all.add(r.info()));
        all.addAll(TraceRules.ALL);
        all.addAll(MetaRules.ALL);
        return all;
    }

    private static void listRules(PrintWriter out) {
        for (RuleInfo r : allRules()) {
            out.printf(Locale.ROOT, "%-38s %-8s %s%n", r.id(), r.severity().label(), r.title());
        }
    }
}
