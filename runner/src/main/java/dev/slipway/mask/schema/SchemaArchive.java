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
    void restorePreData(ConnectionSpec target) {
        restore(target, List.of("--section=pre-data", "--single-transaction"), "the schema's pre-data");
    }

    /** Creates what follows the rows, on up to {@code jobs} connections as {@code pg_restore -j} does. */
    void restorePostData(ConnectionSpec target, int jobs) {
        restore(target, jobs > 1 ? List.of("--section=post-data", "--jobs=" + jobs) : List.of("--section=post-data"),
                "the schema's post-data (indexes, constraints, triggers, rules, policies, materialized views)");
    }

    private void restore(ConnectionSpec target, List<String> options, String what) {
        dumped();
        Map<String, String> env = Libpq.environment(target, "slipway-mask-pg_restore", parentEnv);
        List<String> command = new ArrayList<>(List.of(client.pgRestore().toString(), "--exit-on-error",
                "--no-password", "--dbname=" + env.get("PGDATABASE")));
        command.addAll(options);
        command.add(file.toString());
        PgProgram.run(command, env, "pg_restore (" + client.version() + ") of " + what + " into "
                + target.redactedUrl(), target.password());
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
