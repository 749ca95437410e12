package dev.slipway.mask.schema;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Libpq;
import dev.slipway.mask.catalog.SourceCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The source's schema as {@code pg_dump} takes it: a custom-format archive of the pre-data and post-data sections
 * (no rows: those are Slipway's masked COPY; no subscriptions: a golden must never connect anywhere; no statistics:
 * their most common values are clear production values; no large objects: no rule can mask them), read in the run's exported snapshot, so schema and rows
 * are of one moment. {@code pg_restore} recreates it in the target in its own order: {@link #restorePreData} before
 * the rows, {@link #restorePostData} (indexes, constraints, triggers, rules, policies, publications, materialized
 * view contents refreshed from the masked rows, event triggers last) after them. The archive file is deleted on
 * {@link #close}.
 */
public final class SchemaArchive implements AutoCloseable {

    /** A line of {@code pg_restore --list}: {@code 215; 1259 16400 TABLE zoo t app_owner}. */
    private static final Pattern TOC_LINE = Pattern.compile("^(\\d+); (\\d+) (\\d+) (.+)$");

    private final PgClient client;
    private final Path file;
    private final Map<String, String> parentEnv;
    private PgProgram.Running dumping;

    private SchemaArchive(PgClient client, Path file, Map<String, String> parentEnv) {
        this.client = client;
        this.file = file;
        this.parentEnv = parentEnv;
    }

    /**
     * Starts dumping the schema of {@code source} as of {@code snapshot} (exported by a transaction that must stay open
     * until the dump is done): the rest of the run goes on meanwhile, and the first use of the archive waits for it.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED} when pg_dump cannot start; its failure is thrown by the
     *                          first use of the archive
     */
    static SchemaArchive dump(PgClient client, ConnectionSpec source, String snapshot, Map<String, String> parentEnv) {
        Path file;
        try {
            file = Files.createTempFile("slipway-schema-", ".pgdump");
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.MASK_FAILED, "cannot create a file for the source's schema in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        SchemaArchive archive = new SchemaArchive(client, file, parentEnv);
        List<String> command = new ArrayList<>(List.of(client.pgDump().toString(), "--format=custom",
                "--section=pre-data", "--section=post-data", "--no-subscriptions", "--no-sync", "--no-password",
                "-B" /* no large objects: their contents cannot be masked, an empty one with their oid would lie */,
                "--exclude-schema=" + SourceCatalog.STATE_SCHEMA, "--snapshot=" + snapshot, "--file=" + file));
        if (client.major() >= 18) {
            command.add("--no-statistics");
        }
        try {
            archive.dumping = PgProgram.start(command, Libpq.environment(source, "slipway-mask-pg_dump", parentEnv),
                    "pg_dump (" + client.version() + ") of the schema of " + source.redactedUrl(), source.password());
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
        return archive;
    }

    /** Waits for pg_dump, once. */
    private synchronized void dumped() {
        if (dumping != null) {
            PgProgram.Running d = dumping;
            dumping = null;
            d.await();
        }
    }

    /** The roles that own the archive's objects, as its table of contents names them. */
    Set<String> owners() {
        Set<String> owners = new TreeSet<>();
        for (String line : list().lines().toList()) {
            Matcher m = TOC_LINE.matcher(line);
            if (m.matches()) {
                String[] words = m.group(4).split(" ", -1); // an entry without owner (an extension) ends in " "
                String owner = words[words.length - 1];
                if (!owner.isEmpty() && !owner.equals("-")) {
                    owners.add(owner);
                }
            }
        }
        return owners;
    }

    private String list() {
        dumped();
        return PgProgram.run(List.of(client.pgRestore().toString(), "--list", file.toString()), parentEnv,
                "pg_restore --list of the source's schema", null);
    }

    /**
     * Creates what must exist before the rows (schemas, extensions, types, functions, tables, views, grants), in one
     * transaction: the target gets all of it or none.
     */
    void restorePreData(ConnectionSpec target, int targetMajor) {
        restore(target, targetMajor, List.of("--section=pre-data", "--single-transaction"), "the schema's pre-data");
    }

    /** Creates what follows the rows, on up to {@code jobs} connections as {@code pg_restore -j} does. */
    void restorePostData(ConnectionSpec target, int targetMajor, int jobs) {
        restore(target, targetMajor, jobs > 1 && !throughPsql(targetMajor)
                        ? List.of("--section=post-data", "--jobs=" + jobs) : List.of("--section=post-data"),
                "the schema's post-data (indexes, constraints, triggers, rules, policies, materialized views)");
    }

    /**
     * Whether pg_restore's script goes through psql rather than straight into the target: pg_restore 17 and later
     * begins every restore with {@code SET transaction_timeout = 0}, a setting servers before 17 do not have, so
     * straight into one it fails on that first line. (A client as old as the target is not always at hand: the
     * container image has PostgreSQL 18's alone, since pg_dump must not be older than the source.)
     */
    private boolean throughPsql(int targetMajor) {
        return client.major() >= 17 && targetMajor < 17;
    }

    private void restore(ConnectionSpec target, int targetMajor, List<String> options, String what) {
        dumped();
        Map<String, String> env = Libpq.environment(target, "slipway-mask-pg_restore", parentEnv);
        String task = "pg_restore (" + client.version() + ") of " + what + " into " + target.redactedUrl();
        if (throughPsql(targetMajor)) {
            restoreThroughPsql(env, options, task, targetMajor, target.password());
            return;
        }
        List<String> command = new ArrayList<>(List.of(client.pgRestore().toString(), "--exit-on-error",
                "--no-password", "--dbname=" + env.get("PGDATABASE")));
        command.addAll(options);
        command.add(file.toString());
        PgProgram.run(command, env, task, target.password());
    }

    /**
     * pg_restore writes its script (with {@code --single-transaction}, wrapped in BEGIN and COMMIT), the one line the
     * target's server does not know is dropped ({@link #withoutTransactionTimeout}: on a server without the setting
     * there is no such timeout to turn off, so the restore is the same), and psql of the same client runs it,
     * stopping at the first error.
     */
    private void restoreThroughPsql(Map<String, String> env, List<String> options, String task, int targetMajor,
            String password) {
        Path psql = client.bin().resolve("psql");
        if (!Files.isExecutable(psql)) {
            throw new SlipwayException(ErrorCode.MASK_FAILED, task + ": pg_restore " + client.major() + " begins with "
                    + "SET transaction_timeout, which PostgreSQL " + targetMajor + " does not have, and there is no psql in "
                    + client.bin() + " to run its script without that line; install psql beside pg_restore, or point "
                    + "--pg-bin (or " + PgClient.ENV + ") at client programs of PostgreSQL " + targetMajor + " to 16");
        }
        Path script = null;
        try {
            script = Files.createTempFile("slipway-restore-", ".sql");
            List<String> restore = new ArrayList<>(List.of(client.pgRestore().toString(), "--file=" + script));
            restore.addAll(options);
            restore.add(file.toString());
            PgProgram.run(restore, parentEnv, task + " (writing its script)", password);
            Files.writeString(script, withoutTransactionTimeout(Files.readString(script)));
            PgProgram.run(List.of(psql.toString(), "--no-psqlrc", "--quiet", "--no-password", "--set=ON_ERROR_STOP=1",
                    "--dbname=" + env.get("PGDATABASE"), "--file=" + script), env, task + " (psql " + client.major()
                    + ", without SET transaction_timeout)", password);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.MASK_FAILED, task + ": cannot write or read its script in "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException e) {
                    // a temporary file left behind holds the schema only
                }
            }
        }
    }

    /**
     * {@code script} without its header's {@code SET transaction_timeout = 0;}: the first such line before the first
     * object's comment block, and only that one (a function body that sets it is the schema's, kept as it is).
     */
    static String withoutTransactionTimeout(String script) {
        int firstObject = script.indexOf("\n-- Name: ");
        int at = script.indexOf("\nSET transaction_timeout = 0;\n");
        if (at < 0 || firstObject >= 0 && at > firstObject) {
            return script;
        }
        return script.substring(0, at + 1) + script.substring(at + "\nSET transaction_timeout = 0;\n".length());
    }

    @Override
    public synchronized void close() {
        if (dumping != null) {
            dumping.kill();
            dumping = null;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind holds no row, only the schema
        }
    }
}
