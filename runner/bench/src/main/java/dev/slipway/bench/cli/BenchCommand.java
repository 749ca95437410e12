package dev.slipway.bench.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.bench.BackfillBench;
import dev.slipway.bench.BackfillBenchReport;
import dev.slipway.bench.BenchServer;
import dev.slipway.bench.LintBench;
import dev.slipway.bench.LintBenchReport;
import dev.slipway.bench.LockSafetyBench;
import dev.slipway.bench.LockSafetyReport;
import dev.slipway.bench.MaskBench;
import dev.slipway.bench.MaskBenchReport;
import dev.slipway.bench.OverheadBench;
import dev.slipway.bench.OverheadReport;
import dev.slipway.bench.ReportText;
import dev.slipway.cli.Json;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.config.Durations;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code slipway bench}: the benchmarks whose figures go into the README. Each subcommand prints a text
 * table (or the report as JSON with {@code --json}) and exits 0 when its targets are met, 1 when one is
 * missed; errors are {@link SlipwayException}s that {@link SlipwayCli} turns into their exit code
 * (2 bad input, 3 cannot connect, ...).
 */
@Command(name = "bench", description = "Measure Slipway against the plain tools.", mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.LockSafety.class, BenchCommand.Overhead.class, BenchCommand.Lint.class,
                BenchCommand.Mask.class, BenchCommand.Backfill.class, ServiceBenches.Serve.class, ServiceBenches.Gate.class,
                ServiceBenches.Kube.class, ServiceBenches.Clone.class})
public final class BenchCommand {

    /** How a benchmark prints: progress on stderr, the report as a table or JSON on stdout. */
    public static class Output {
        @Option(names = "--json", description = "Print the report as JSON instead of a table.")
        boolean json;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        Consumer<String> progress() {
            PrintWriter err = spec.commandLine().getErr();
            return line -> {
                err.println(line);
                err.flush();
            };
        }

        /** Prints the report; the exit code is 0 when the targets are met, else 1. */
        int print(Object report, String text, boolean met) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Json.write(report) + "\n" : text);
            out.flush();
            return met ? 0 : 1;
        }
    }

    /** Where a benchmark runs (an embedded server, or --url) and how it prints: shared by the subcommands. */
    public static final class Target extends Output {
        @Option(names = "--url", paramLabel = "JDBC_URL", description = "An existing server to run on (its user needs "
                + "CREATEDB); default: an embedded server started for the run.")
        String url;

        @Option(names = "--user", description = "The user for --url.")
        String user;

        @Option(names = "--password-env", paramLabel = "VAR", description = "The environment variable holding the "
                + "password for --url; default SLIPWAY_PASSWORD when set.")
        String passwordEnv;

        BenchServer open() {
            if (url == null) {
                if (user != null || passwordEnv != null) {
                    throw new SlipwayException(ErrorCode.USAGE, "--user and --password-env go with --url; without "
                            + "--url the benchmark starts an embedded server of its own");
                }
                return BenchServer.embedded();
            }
            return BenchServer.existing(new ConnectionSpec(url, user, password(), Duration.ofSeconds(10)));
        }

        private String password() {
            String variable = passwordEnv != null ? passwordEnv : "SLIPWAY_PASSWORD";
            String value = env().get(variable);
            if (value == null && passwordEnv != null) {
                throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + passwordEnv
                        + " named by --password-env is not set; export it with the password for " + user);
            }
            return value;
        }

        /** The environment the top-level command was given (injectable in tests), else the process's. */
        Map<String, String> env() {
            return spec.root().userObject() instanceof SlipwayCli cli ? cli.env() : System.getenv();
        }
    }

    /** {@code slipway bench lock-safety}: client stalls while an ALTER waits behind a long transaction. */
    @Command(name = "lock-safety", mixinStandardHelpOptions = true, description = "Client stalls while an ALTER TABLE "
            + "waits behind a long transaction: plain Flyway against Slipway's lock timeout and retries.")
    public static final class LockSafety implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        Target target;

        @Option(names = "--rows", defaultValue = "100000", description = "Rows in the table (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--clients", defaultValue = "8", description = "Client threads (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--hold", paramLabel = "DURATION", defaultValue = "10s", description = "How long the blocker "
                + "holds its lock (default ${DEFAULT-VALUE}).")
        String hold;

        @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "Slipway's lock_timeout (default: "
                + "Slipway's default, 2s).")
        String lockTimeout;

        @Override
        public Integer call() {
            LockSafetyBench.Options options = new LockSafetyBench.Options(rows, clients, Durations.parse(hold, "--hold"),
                    settings(lockTimeout));
            try (BenchServer server = target.open()) {
                LockSafetyReport report = new LockSafetyBench(server, options, target.progress()).call();
                return target.print(report, ReportText.lockSafety(report), report.targetsMet());
            }
        }

        @Override
        public boolean json() {
            return target.json;
        }
    }

    /** {@code slipway bench overhead}: many small migrations, Slipway against the plain Flyway API. */
    @Command(name = "overhead", mixinStandardHelpOptions = true, description = "Time many small migrations on an "
            + "empty database: Slipway against the plain Flyway API.")
    public static final class Overhead implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        Target target;

        @Option(names = "--migrations", defaultValue = "300", description = "Migrations per run (default ${DEFAULT-VALUE}).")
        int migrations;

        @Option(names = "--rounds", defaultValue = "9", description = "Timed rounds (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            OverheadBench.Options options = new OverheadBench.Options(migrations, rounds, MigrationSettings.DEFAULT);
            try (BenchServer server = target.open()) {
                OverheadReport report = new OverheadBench(server, options, target.progress()).call();
                return target.print(report, ReportText.overhead(report), report.targetMet());
            }
        }

        @Override
        public boolean json() {
            return target.json;
        }
    }

    /** {@code slipway bench lint}: the linter over many generated migrations. */
    @Command(name = "lint", mixinStandardHelpOptions = true, description = "Lint many generated migrations and report "
            + "statements per second; no database needed.")
    public static final class Lint implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        Output output;

        @Option(names = "--files", defaultValue = "500", description = "Migration files (default ${DEFAULT-VALUE}).")
        int files;

        @Option(names = "--statements", defaultValue = "10000", description = "Statements in all (default ${DEFAULT-VALUE}).")
        int statements;

        @Option(names = "--rounds", defaultValue = "5", description = "Warm rounds after the cold one (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            if (files < 1 || statements < files || rounds < 1) {
                throw new SlipwayException(ErrorCode.USAGE, "--files, --statements and --rounds must be at least 1, "
                        + "with at least one statement per file");
            }
            LintBenchReport report = new LintBench(new LintBench.Options(files, statements, rounds), output.progress())
                    .call();
            return output.print(report, ReportText.lint(report), report.targetMet());
        }

        @Override
        public boolean json() {
            return output.json;
        }
    }

    /** {@code slipway bench mask}: a masked copy against a plain COPY pipe and pg_dump | pg_restore. */
    @Command(name = "mask", mixinStandardHelpOptions = true, description = "Masked copy of 1,000,000 rows (five "
            + "masked columns, a foreign key) against a plain COPY pipe and pg_dump | pg_restore.")
    public static final class Mask implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        Target target;

        @Option(names = "--rows", defaultValue = "1000000", description = "Rows over both tables (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--jobs", defaultValue = "2", description = "Slipway's copy jobs (default ${DEFAULT-VALUE}).")
        int jobs;

        @Option(names = "--rounds", defaultValue = "3", description = "Rounds of the three copies; the checks compare "
                + "medians (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            if (rows < 10 || jobs < 1 || rounds < 1) {
                throw new SlipwayException(ErrorCode.USAGE, "--rows must be at least 10, --jobs and --rounds at least 1");
            }
            String home = target.env().get("SLIPWAY_HOME");
            Path launcher = home == null ? null : Path.of(home, "slipway");
            MaskBench.Options options = new MaskBench.Options(rows, jobs, rounds,
                    launcher != null && Files.isExecutable(launcher) ? launcher : null);
            try (BenchServer server = target.open()) {
                MaskBenchReport report = new MaskBench(server, options, target.progress()).call();
                return target.print(report, report.text(), report.targetsMet());
            }
        }

        @Override
        public boolean json() {
            return target.json;
        }
    }



    /** {@code slipway bench backfill}: a change of every row as one UPDATE and as Slipway's backfill, with a standby. */
    @Command(name = "backfill", mixinStandardHelpOptions = true, description = "The same change of every row as one "
            + "plain UPDATE and as Slipway's backfill, under client load, with a real streaming standby: seconds, "
            + "clients' p99 and the standby's replay lag.")
    public static final class Backfill implements Callable<Integer>, SlipwayCli.JsonOutput {
        @Mixin
        Target target;

        @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the table (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--clients", defaultValue = "4", description = "Client threads (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--baseline", paramLabel = "DURATION", defaultValue = "5s", description = "How long the "
                + "clients run alone first (default ${DEFAULT-VALUE}).")
        String baseline;

        @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = "2s", description = "The backfill's "
                + "max-lag (default ${DEFAULT-VALUE}).")
        String maxLag;

        @Override
        public Integer call() {
            BackfillBench.Options options = new BackfillBench.Options(rows, clients,
                    Durations.parse(baseline, "--baseline"), Durations.parse(maxLag, "--max-lag"));
            try (BenchServer server = target.open()) {
                BackfillBenchReport report = new BackfillBench(server, options, target.progress()).call();
                return target.print(report, ReportText.backfill(report), report.targetsMet());
            }
        }

        @Override
        public boolean json() {
            return target.json;
        }
    }

    static MigrationSettings settings(String lockTimeout) {
        MigrationSettings settings = MigrationSettings.DEFAULT;
        if (lockTimeout == null) {
            return settings;
        }
        Duration d = Durations.parse(lockTimeout, "--lock-timeout");
        if (d.isZero()) {
            throw new SlipwayException(ErrorCode.USAGE, "--lock-timeout must be above zero: Slipway never runs a "
                    + "migration without a timeout");
        }
        return settings.withLockTimeout(d);
    }

}
