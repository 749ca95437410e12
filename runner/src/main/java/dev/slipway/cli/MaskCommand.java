package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.MaskReport;
import dev.slipway.mask.MaskRequest;
import dev.slipway.mask.MaskStep;
import dev.slipway.mask.copy.MaskProgress;
import dev.slipway.mask.rules.Coverage;
import dev.slipway.mask.rules.MaskRules;
import dev.slipway.mask.rules.RulesInit;
import dev.slipway.mask.rules.RulesLoader;
import dev.slipway.mask.rules.RulesUpdate;
import dev.slipway.mask.schema.PgClient;
import dev.slipway.mask.transform.Keyring;
import dev.slipway.mask.transform.MaskSecret;
import dev.slipway.mask.verify.VerifyReport;
import dev.slipway.mask.verify.VerifyStep;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slipway mask}: the masked golden copy, and {@code slipway mask verify}: the proof that no clear
 * value leaked. Progress goes to stderr, the result to stdout (text, or JSON with {@code --json}).
 */
@Command(name = "mask", mixinStandardHelpOptions = true, subcommands = {MaskCommand.Verify.class, MaskCommand.Init.class},
        description = "Copy the source into an empty target, masking personal data on the way (fail-closed).")
final class MaskCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--source", paramLabel = "JDBC_URL", description = "the database to copy")
    String source;

    @Option(names = "--target", paramLabel = "JDBC_URL", description = "the golden: an empty database, or one "
            + "masked before (it is replaced)")
    String target;

    @Mixin
    Credentials credentials;

    @Option(names = "--rules", paramLabel = "FILE", description = "the masking rules (masking.yaml)")
    Path rules;

    @Option(names = "--json", description = "print the result as one JSON document (an error too)")
    boolean json;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "environment variable holding the masking "
            + "secret (default SLIPWAY_MASK_SECRET)")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "file holding the masking secret")
    Path secretFile;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2", description = "tables copied at once (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--check", description = "report the rules' coverage of the source; copy nothing")
    boolean check;

    @Option(names = "--create-missing-roles", description = "create (NOLOGIN) the roles that own, are granted or are "
            + "named by policies of the source's objects and that the target server lacks, instead of refusing it; roles "
            + "are server-wide")
    boolean createMissingRoles;

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "directory of PostgreSQL's pg_dump and pg_restore, not "
            + "older than the source (default: SLIPWAY_PG_BIN, else the oldest suitable one on PATH or in "
            + "/usr/lib/postgresql/*/bin); 'none' copies a plain schema from the catalog and refuses any other")
    String pgBin;

    @Option(names = "--key-queries", paramLabel = "N", defaultValue = "0", description = "keep the source's N busiest "
            + "statements of pg_stat_statements (texts only, as it normalises them) in the golden's slipway.key_queries: "
            + "lint --trace on a preview explains them before and after the migrations (1 to 200; default none)")
    int keyQueries;

    @Option(names = "--without-large-objects", description = "copy a source holding large objects without them "
            + "(no rule can mask them) instead of refusing it")
    boolean withoutLargeObjects;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        Map<String, String> env = parent.env();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Keyring keys = check ? null : MaskSecret.load(env, secretEnv, secretFile);
        ConnectionSpec to = check ? null : credentials.target(env, target, "name the empty database the masked copy "
                + "goes into (or pass --check to report coverage only)");
        MaskProgress progress = MaskProgress.lines(line -> {
            err.println(line);
            err.flush();
        });
        MaskRequest request = new MaskRequest(credentials.source(env, source, rules), to, rules, keys, jobs, check,
                createMissingRoles, pgBin != null ? pgBin : env.get(PgClient.ENV), withoutLargeObjects, keyQueries);
        MaskReport report = new MaskStep(request, progress).call();
        out.print(json ? Json.write(report) + "\n" : text(report));
        out.flush();
        return report.exitCode();
    }

    static String text(MaskReport r) {
        Coverage c = r.coverage();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "coverage: %d tables, %d columns: %d masked, "
                + "%d kept, %d tables truncated, %d uncovered%n", c.tables(), c.columns(), c.masked(), c.kept(),
                c.truncated().size(), c.uncovered().size()));
        c.uncovered().forEach(u -> s.append("  uncovered  ").append(u).append('\n'));
        if ("masked".equals(r.outcome())) {
            r.tables().forEach(t -> s.append(String.format(Locale.ROOT, "  %-40s %,12d rows%n", t.table(), t.rows())));
            s.append(String.format(Locale.ROOT, "masked: %,d rows (%.1f MB) into %s in %.1fs (schema %.1fs, rows %.1fs, "
                    + "indexes and constraints %.1fs), %d jobs; schema by %s; the target is marked masked%n", r.rows(),
                    r.bytes() / 1e6, r.target(), r.totalMillis() / 1e3, r.schemaMillis() / 1e3, r.copyMillis() / 1e3,
                    r.postDataMillis() / 1e3, r.jobs(), r.schemaCopy()));
        }
        return s.toString();
    }

    /** The users and password variables of --source and --target: shared by {@code mask} and {@code mask verify}. */
    static final class Credentials {
        @Option(names = "--source-user", paramLabel = "USER", description = "user for --source")
        String sourceUser;

        @Option(names = "--source-password-env", paramLabel = "VAR", description = "environment variable holding the "
                + "password for --source")
        String sourcePasswordEnv;

        @Option(names = "--target-user", paramLabel = "USER", description = "user for --target")
        String targetUser;

        @Option(names = "--target-password-env", paramLabel = "VAR", description = "environment variable holding the "
                + "password for --target")
        String targetPasswordEnv;

        ConnectionSpec source(Map<String, String> env, String url, Path rules) {
            if (url == null || rules == null) {
                throw new SlipwayException(ErrorCode.USAGE, "--source and --rules are required: the source database "
                        + "and the masking rules file (e.g. --rules migrations/masking.yaml)");
            }
            return new ConnectionSpec(url, sourceUser, password(env, sourcePasswordEnv, "--source"), Duration.ofSeconds(10));
        }

        ConnectionSpec target(Map<String, String> env, String url, String missing) {
            if (url == null) {
                throw new SlipwayException(ErrorCode.USAGE, "--target is missing: " + missing);
            }
            return new ConnectionSpec(url, targetUser, password(env, targetPasswordEnv, "--target"), Duration.ofSeconds(10));
        }

        static String password(Map<String, String> env, String variable, String flag) {
            if (variable == null) {
                return null;
            }
            String value = env.get(variable);
            if (value == null) {
                throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + variable + " named by "
                        + flag + "-password-env is not set; export it with the password for " + flag);
            }
            return value;
        }
    }

    /** {@code slipway mask verify}: exit 0 when no clear value was found in the target, 1 when one was. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Prove that no clear value of a masked "
            + "column reached the target; exit 1 on any leak. Reads both databases, writes nothing.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:no clear value found in the target", "1:a leak: a clear value found in the target",
                    "2:bad input or usage: the rules do not fit the source, a missing password variable",
                    "3:cannot connect", "4:reading a database failed", "70:a bug in Slipway"})
    static final class Verify implements Callable<Integer>, SlipwayCli.JsonOutput {

        @ParentCommand
        MaskCommand mask;

        @Spec
        CommandSpec spec;

        @Option(names = "--source", paramLabel = "JDBC_URL", description = "the database the target was masked from: "
                + "clear values are sampled from its masked columns; read only")
        String source;

        @Option(names = "--target", paramLabel = "JDBC_URL", description = "the masked golden to check for those "
                + "values, and for its complete mark; read only")
        String target;

        @Mixin
        Credentials credentials;

        @Option(names = "--rules", paramLabel = "FILE", description = "the masking rules the target was masked with "
                + "(masking.yaml): which columns are checked")
        Path rules;

        @Option(names = "--json", description = "print the result as one JSON document (an error too)")
        boolean json;

        @Option(names = "--sample", paramLabel = "N", defaultValue = "200", description = "clear source values searched for in every "
                + "text column of the target (default ${DEFAULT-VALUE})")
        int sample;

        @Override
        public boolean json() {
            return json;
        }

        @Override
        public Integer call() {
            Map<String, String> env = mask.parent.env();
            VerifyReport report = new VerifyStep(credentials.source(env, source, rules), credentials.target(env, target,
                    "name the masked golden to check"), rules, sample).call();
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? Json.write(report) + "\n" : text(report));
            out.flush();
            return report.exitCode();
        }

        static String text(VerifyReport r) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-48s %-7s %14s %7s %12s%n", "column",
                    "check", "rows checked", "leaks", "null/empty"));
            for (VerifyReport.Check c : r.checks()) {
                s.append(String.format(Locale.ROOT, "%-48s %-7s %,14d %,7d %,12d%n", c.column(), c.kind(),
                        c.rowsChecked(), c.leaks(), c.empty()));
            }
            s.append(String.format(Locale.ROOT, "%s: %,d leaks (%d sampled clear values searched); golden mark: %s%n",
                    r.leaks() == 0 ? "verified" : "LEAKS FOUND", r.leaks(), r.sampled(), r.mark()));
            return s.toString();
        }
    }

    /** {@code slipway mask init}: a complete rules file for a source, or what a changed source adds to one. */
    @Command(name = "init", mixinStandardHelpOptions = true, description = "Write a complete masking rules file for "
            + "the source: every table and column covered, a transformer suggested for what looks like personal data "
            + "(by name, type and a sample of values, which are never written), keep for the rest, each with a comment "
            + "saying why. With --update, add only what the source gained to an existing file, keeping every line of "
            + "it. Reads the source, writes only the file.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "2:bad input or usage: --output exists, the file to update does not load",
                    "3:cannot connect", "4:reading the source failed", "70:a bug in Slipway"})
    static final class Init implements Callable<Integer> {

        @ParentCommand
        MaskCommand mask;

        @Spec
        CommandSpec spec;

        @Option(names = "--source", paramLabel = "JDBC_URL", description = "the database to write rules for; read only")
        String source;

        @Option(names = "--source-user", paramLabel = "USER", description = "user for --source")
        String sourceUser;

        @Option(names = "--source-password-env", paramLabel = "VAR", description = "environment variable holding the "
                + "password for --source")
        String sourcePasswordEnv;

        @Option(names = "--output", paramLabel = "FILE", description = "write the rules here (refused if it exists: "
                + "see --update); default standard output")
        Path output;

        @Option(names = "--update", paramLabel = "FILE", description = "add the tables and columns the source gained "
                + "to this rules file, in place, keeping every line of it")
        Path update;

        @Option(names = "--sample", paramLabel = "N", defaultValue = "50", description = "values read per column to "
                + "judge it (default ${DEFAULT-VALUE}); never written")
        int sample;

        @Override
        public Integer call() throws Exception {
            Map<String, String> env = mask.parent.env();
            if (source == null) {
                throw new SlipwayException(ErrorCode.USAGE, "--source is missing: name the database to write rules for");
            }
            if (output != null && Files.exists(output)) {
                throw new SlipwayException(ErrorCode.USAGE, output + " exists; pass --update " + output + " to add what "
                        + "the source gained to it, or choose another --output");
            }
            ConnectionSpec from = new ConnectionSpec(source, sourceUser, Credentials.password(env, sourcePasswordEnv,
                    "--source"), Duration.ofSeconds(10));
            RulesInit.Suggested suggested = read(from);
            PrintWriter err = spec.commandLine().getErr();
            if (update != null) {
                return update(suggested, err);
            }
            if (output == null) {
                spec.commandLine().getOut().print(suggested.text());
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, suggested.text());
                err.println("wrote " + output + ": " + suggested.tables().size() + " tables");
            }
            err.flush();
            return 0;
        }

        private int update(RulesInit.Suggested suggested, PrintWriter err) throws java.io.IOException {
            MaskRules rules = RulesLoader.load(update);
            RulesUpdate.Result result = RulesUpdate.apply(Files.readString(update), rules, suggested.tables());
            if (!result.added().isEmpty()) {
                Files.writeString(update, result.text());
            }
            result.added().forEach(a -> err.println("added " + a));
            result.stale().forEach(st -> err.println("left as it is: " + st));
            err.println(result.added().isEmpty() ? update + ": nothing to add" : "updated " + update + ": "
                    + result.added().size() + " added; review each line marked 'added by mask init'");
            err.flush();
            return 0;
        }

        private RulesInit.Suggested read(ConnectionSpec from) {
            try (Connection c = from.open("slipway-mask-init", null)) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_catalog.set_config('search_path', '', true)");
                }
                return RulesInit.write(c, sample, from.redactedUrl());
            } catch (SQLException e) {
                throw new SlipwayException(ErrorCode.MASK_FAILED, "reading " + from.redactedUrl() + " failed: "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
            }
        }
    }
}
