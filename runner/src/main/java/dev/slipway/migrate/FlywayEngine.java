package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.migrate.backfill.BackfillScript;
import dev.slipway.migrate.backfill.BackfillStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.info.MigrationInfoImpl;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * Flyway SQL migrations ({@code V<version>__<description>.sql}, {@code R__<description>.sql}) from a
 * directory. Clean is disabled, undo scripts are refused, and Flyway's own lock is a session-level
 * advisory lock so that {@code CREATE INDEX CONCURRENTLY} does not hang on it. A migration that runs
 * outside a transaction and fails on its first statement applied nothing: its failed history row is
 * removed, so it can be retried in the same run or simply run again later.
 */
public final class FlywayEngine implements MigrationEngine {

    private static final Pattern UNDO = Pattern.compile("U\\d[^_]*__.*\\.sql");
    private static final Pattern APPLYABLE = Pattern.compile("[VR]\\d*[^_]*__.*\\.sql");

    private final Path location;
    private final DataSource dataSource;
    private final boolean outOfOrder;
    private final String baselineVersion;
    private final Flyway flyway;
    private final FlywayHistoryTable history;
    private final FlywayProgress callback = new FlywayProgress();
    private final RowCounter rows;
    private final BackfillRuntime backfills;
    private List<ResolvedMigration> resolved;
    private boolean pendingRunOutsideTransaction = true;

    /**
     * @param baselineVersion when the target has objects but no Flyway history, record it as being at this
     *                        version and apply only later ones; {@code null} refuses such a target
     * @param rows            told how many rows each migration changed
     */
    public FlywayEngine(DataSource dataSource, Path location, boolean outOfOrder, String baselineVersion,
                        RowCounter rows) {
        this(dataSource, location, outOfOrder, baselineVersion, rows, BackfillRuntime.DEFAULT);
    }

    /** @param backfills what migrations that declare a backfill run with */
    public FlywayEngine(DataSource dataSource, Path location, boolean outOfOrder, String baselineVersion,
                        RowCounter rows, BackfillRuntime backfills) {
        this.rows = rows;
        this.backfills = backfills;
        this.location = location.toAbsolutePath().normalize();
        List<Path> files = scan(this.location);
        refuseUndo(files);
        this.dataSource = dataSource;
        this.outOfOrder = outOfOrder;
        this.baselineVersion = baselineVersion;
        this.flyway = configure(true).load();
        this.history = new FlywayHistoryTable(flyway.getConfiguration());
    }

    /**
     * Flyway as Slipway runs it. {@code sessionLock}: Flyway's own lock is a session-level advisory lock,
     * which a non-transactional migration needs (with the default transaction-level lock, {@code CREATE
     * INDEX CONCURRENTLY} waits for Flyway's own transaction and hangs); otherwise the default lock,
     * which costs one round trip less per migration. Validation on migrate is off: {@link HistoryCheck}
     * has already verified the same history under the writer lock.
     */
    private FluentConfiguration configure(boolean sessionLock) {
        return Flyway.configure(FlywayEngine.class.getClassLoader())
                .configuration(Map.of("flyway.postgresql.transactional.lock", String.valueOf(!sessionLock)))
                .dataSource(dataSource)
                .locations("filesystem:" + this.location)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .validateOnMigrate(false)
                .cleanDisabled(true)
                .outOfOrder(outOfOrder)
                .baselineOnMigrate(baselineVersion != null)
                .baselineVersion(baselineVersion == null ? "1" : baselineVersion)
                .baselineDescription("baseline: database adopted by Slipway")
                .callbacks(callback)
                .loggers("slf4j");
    }

    private static List<Path> scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "migration location " + dir
                    + " is not a directory; pass --location with the directory that holds V<version>__<name>.sql files");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "cannot read migration location " + dir + ": " + e.getMessage(), e);
        }
        if (files.stream().noneMatch(f -> APPLYABLE.matcher(f.getFileName().toString()).matches())) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "migration location " + dir
                    + " holds no Flyway migrations (V<version>__<name>.sql); check --location");
        }
        return files;
    }

    private static void refuseUndo(List<Path> files) {
        List<String> undo = files.stream().map(f -> f.getFileName().toString())
                .filter(n -> UNDO.matcher(n).matches()).sorted().toList();
        if (!undo.isEmpty()) {
            throw new SlipwayException(ErrorCode.FORWARD_ONLY, "undo migrations are not run: " + undo
                    + ". Slipway is forward-only; remove them and reverse a change with a new V migration");
        }
    }

    /** The Flyway configuration this engine runs with: for tests that check what it allows. */
    Configuration configuration() {
        return flyway.getConfiguration();
    }

    @Override
    public EngineKind kind() {
        return EngineKind.FLYWAY;
    }

    @Override
    public String toolVersion() {
        return "Flyway " + org.flywaydb.core.internal.license.VersionPrinter.getVersion();
    }

    @Override
    public MigrationStatus status() {
        try {
            MigrationInfo[] all = flyway.info().all();
            pendingRunOutsideTransaction = Arrays.stream(all).filter(i -> !i.getState().isApplied())
                    .anyMatch(i -> runsOutsideTransaction(i) || backfill(i.getScript()) != null);
            resolved = resolvedOf(all);
            return new MigrationStatus(EngineKind.FLYWAY, Arrays.stream(all).map(FlywayEntries::of).toList());
        } catch (FlywayException e) {
            throw translate(e);
        }
    }

    /** The migrations Flyway found in the location, to run without scanning and parsing it again; null if unknown. */
    private static List<ResolvedMigration> resolvedOf(MigrationInfo[] all) {
        List<ResolvedMigration> found = new ArrayList<>();
        for (MigrationInfo info : all) {
            if (!(info instanceof MigrationInfoImpl impl)) {
                return null;
            }
            if (impl.getResolvedMigration() != null) {
                found.add(impl.getResolvedMigration());
            }
        }
        return found;
    }

    /**
     * The Flyway that applies: with the lock the pending migrations need, and with the migrations
     * {@link #status()} resolved (the location is scanned and every file checksummed once per run), each
     * counting the rows its statements changed.
     */
    private Flyway applier() {
        FluentConfiguration config = configure(pendingRunOutsideTransaction);
        if (resolved != null) {
            List<ResolvedMigration> known = resolved.stream().map(this::runnable).toList();
            config.skipDefaultResolvers(true).resolvers(context -> known);
        } else if (resolvedFiles().anyMatch(f -> backfill(f) != null)) {
            throw new SlipwayException(ErrorCode.INTERNAL, "this Flyway version does not let Slipway run the backfills"
                    + " in " + location + " in batches; they are not run as one statement instead");
        }
        return config.load();
    }

    private Stream<String> resolvedFiles() {
        return scan(location).stream().map(f -> location.relativize(f).toString());
    }

    /** The migration as Slipway runs it: a backfill in batches, any other counting the rows it changes. */
    private ResolvedMigration runnable(ResolvedMigration r) {
        BackfillScript script = backfill(r.getScript());
        if (script == null) {
            return WrappedMigration.counting(r, rows);
        }
        if (!r.isVersioned()) {
            throw new SlipwayException(ErrorCode.USAGE, r.getScript() + " declares a backfill but is a repeatable "
                    + "migration, which Flyway runs again whenever it changes: a backfill runs once, so name it "
                    + "V<version>__" + r.getDescription().replace(' ', '_') + ".sql");
        }
        return WrappedMigration.runBy(r, new BackfillExecutor(r.getScript(), script, backfills, this::connection, rows));
    }

    private java.sql.Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.CONNECTION_FAILED, "cannot open a connection to watch replica lag: "
                    + e.getMessage(), e);
        }
    }

    /** The backfill {@code script} (relative to the location) declares, or {@code null} when it declares none. */
    private BackfillScript backfill(String script) {
        if (script == null || !script.endsWith(".sql")) {
            return null;
        }
        String text = read(script);
        return BackfillScript.declares(text) ? BackfillScript.require(script, text, backfills.defaults()) : null;
    }

    /** Flyway's own verdict on whether a migration runs outside a transaction; unknown counts as outside. */
    private static boolean runsOutsideTransaction(MigrationInfo info) {
        return !(info instanceof MigrationInfoImpl impl) || impl.getResolvedMigration() == null
                || !impl.getResolvedMigration().getExecutor().canExecuteInTransaction();
    }

    @Override
    public List<String> dryRun() {
        return status().pending().stream().map(e -> "-- would apply " + e.script()).toList();
    }

    @Override
    public void migrate(MigrationListener listener) {
        callback.relayTo(listener);
        try {
            applier().migrate();
        } catch (BackfillStopped e) {
            throw stopped(e);
        } catch (FlywayException e) {
            BackfillStopped backfill = Causes.find(e, BackfillStopped.class);
            throw backfill != null ? stopped(backfill) : settle(translate(e));
        } finally {
            callback.relayTo(MigrationListener.NONE);
        }
    }

    /**
     * A backfill that stopped keeps its committed batches and its progress: its failed row, if Flyway wrote one, goes,
     * so that the next run resumes it.
     */
    private BackfillStopped stopped(BackfillStopped e) {
        history.removeFailed(e.migration());
        return e;
    }

    /**
     * A transactional migration was rolled back and needs nothing. One that ran outside a transaction
     * can run again only if it failed on its first statement (so nothing of it ran); its failed row,
     * which Flyway's validation would refuse, is then taken out of the history.
     */
    @Override
    public boolean prepareRetry(MigrationFailedException failure) {
        return failure.transactional() || (ranNothing(failure) && history.removeFailed(failure.script()));
    }

    private boolean ranNothing(MigrationFailedException failure) {
        return failure.script() != null && FirstStatement.isFirst(location.resolve(failure.script()), failure.line());
    }

    /**
     * Leaves the history as the failure left the database: a non-transactional migration that failed
     * on its first statement applied nothing, so its failed row goes and the next run simply tries again.
     */
    private RuntimeException settle(RuntimeException failure) {
        if (!(failure instanceof MigrationFailedException f) || f.transactional()) {
            return failure;
        }
        if (f.committedAt() != null) {
            return settleCommittedPart(f);
        }
        if (ranNothing(f) && history.removeFailed(f.script())) {
            return f.withDetail("; it failed on its first statement, so none of it was applied, and its failed"
                    + " entry was taken out of Flyway's history: the next run tries it again");
        }
        return f.withDetail(". Flyway's history records it as failed, so the next run is refused until you finish"
                + " or undo its work by hand and delete its failed row from " + flyway.getConfiguration().getTable());
    }

    /**
     * A migration that committed part of its work: Flyway rolled back the rest and recorded nothing, so its next run
     * would repeat the committed part. A failed row in the history makes the next run refuse instead, as after a
     * non-transactional migration that broke partway.
     */
    private MigrationFailedException settleCommittedPart(MigrationFailedException f) {
        String table = flyway.getConfiguration().getTable();
        String todo = ": check what of it is in the database, finish or undo that work by hand, take the BEGIN/COMMIT"
                + " out of the script (Slipway runs each migration in a transaction of its own), then delete its failed"
                + " row from " + table;
        if (callback.current() != null && history.recordFailed(callback.current())) {
            return f.withDetail(". Slipway recorded it as failed in " + table + ", so the next run is refused until you"
                    + " repair it" + todo);
        }
        return f.withDetail(". Flyway's history does not record it, so the next run would run it again from its first"
                + " statement: before that, undo by hand what it committed, or make those statements safe to repeat,"
                + " and take the BEGIN/COMMIT out of the script");
    }

    private RuntimeException translate(FlywayException e) {
        FlywaySqlScriptException script = Causes.find(e, FlywaySqlScriptException.class);
        SQLException sql = Causes.find(e, SQLException.class);
        if (sql == null && e.getMessage() != null && e.getMessage().contains("non-empty schema")) {
            return new SlipwayException(ErrorCode.BASELINE_REQUIRED, "the database already holds tables but no Flyway "
                    + "history, so Slipway cannot tell which migrations of " + location + " it already has. To adopt "
                    + "it, set baselineVersion in slipway.yaml (or --baseline-version) to the version its schema "
                    + "matches: that version and older ones are recorded as applied, newer ones run", e);
        }
        if (sql == null) {
            return new SlipwayException(ErrorCode.MIGRATION_FAILED, "Flyway refused the run on " + location + ": "
                    + e.getMessage(), e);
        }
        FlywayMigrateException fm = Causes.find(e, FlywayMigrateException.class);
        MigrationEntry current = callback.current();
        String migration = current != null ? current.displayName() : "?";
        String file = script != null ? script.getResource().getRelativePath() : migration;
        int line = script != null ? script.getLineNumber() : -1;
        String statement = script != null ? script.getStatement() : null;
        boolean transactional = fm == null || fm.isExecutableInTransaction();
        Optional<ScriptCommits.CommitPoint> committed = transactional && script != null
                ? ScriptCommits.lastBefore(read(file), line) : Optional.empty();
        if (committed.isPresent()) {
            return MigrationFailedException.committedPart(migration, file, line, sql, statement,
                    committed.get().describe(), e);
        }
        return MigrationFailedException.of(migration, file, line, sql, statement, transactional, e);
    }

    /** The text of {@code script} (relative to the location); empty when it cannot be read. */
    private String read(String script) {
        try {
            return Files.readString(location.resolve(script));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
