package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.JdbcUrls;
import dev.slipway.migrate.backfill.BackfillRuntime;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.exception.LiquibaseException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.util.LiquibaseUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Liquibase changelog (YAML, XML, JSON or formatted SQL), given as the file or as a directory that
 * holds {@code changelog.yaml} or one of the other usual names. Forward-only: it runs {@code update}
 * and never rollback or drop-all. Each changeset is one migration, named {@code path::id::author}.
 *
 * <p>Liquibase's own lock, a row in DATABASECHANGELOGLOCK, has no expiry. Slipway's caller holds the
 * writer lock for the whole run, so a row still marked LOCKED was left by a killed process: it is
 * released, with a warning naming its holder, before updating. Every connection comes from the data
 * source given, which carries the session timeouts; the constructor does not connect.
 *
 * <p>A changeset that declares a backfill ({@link LiquibaseBackfills}) runs in batches: its {@code sql}
 * change is swapped, in the changelog {@code update} runs, for a {@link LiquibaseBackfillChange} with the
 * same checksum. {@link #status()} refuses a pending one that cannot run so, before anything runs.
 */
public final class LiquibaseEngine implements MigrationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseEngine.class);

    private final DataSource target;
    private final DataSource dataSource;
    private final RowCounter rows;
    private final BackfillRuntime backfills;
    private final LiquibaseChangelog changelog;
    private boolean failedBeforeAnyWork;

    /**
     * @param location a changelog file, or a directory holding one of {@link LiquibaseChangelog#DEFAULT_NAMES}
     * @throws dev.slipway.SlipwayException {@link dev.slipway.ErrorCode#LOCATION_INVALID} when there is no changelog there
     */
    public LiquibaseEngine(DataSource dataSource, Path location, RowCounter rows) {
        this(dataSource, location, rows, BackfillRuntime.DEFAULT);
    }

    /** @param backfills what changesets that declare a backfill run with */
    public LiquibaseEngine(DataSource dataSource, Path location, RowCounter rows, BackfillRuntime backfills) {
        this.rows = rows;
        this.target = dataSource;
        this.dataSource = rows.wrap(dataSource);
        this.backfills = backfills;
        this.changelog = LiquibaseChangelog.find(location);
    }

    @Override
    public EngineKind kind() {
        return EngineKind.LIQUIBASE;
    }

    @Override
    public String toolVersion() {
        return "Liquibase " + LiquibaseUtil.getBuildVersion();
    }

    /** @throws SlipwayException {@link ErrorCode#USAGE} when a changeset to run declares a backfill that cannot run */
    @Override
    public MigrationStatus status() {
        return new MigrationStatus(EngineKind.LIQUIBASE, read(liquibase -> {
            List<ChangeSet> changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
            List<RanChangeSet> ran = ranChangeSets(liquibase.getDatabase());
            LiquibaseBackfills.find(mayRun(changeSets, liquibase.getDatabase(), ran), backfills.defaults());
            return LiquibaseHistory.entries(changeSets, cs -> runsOn(cs, liquibase.getDatabase()), ran);
        }));
    }

    /**
     * The SQL {@code update-sql} prints for the pending changesets, with Liquibase's own bookkeeping
     * statements; no changeset is applied and no table created. Liquibase's update-sql clears a LOCKED
     * row of DATABASECHANGELOGLOCK as it ends, so a stale one is released here first, with a warning.
     */
    @Override
    public List<String> dryRun() {
        return read(liquibase -> {
            releaseStaleLock(liquibase.getDatabase());
            StringWriter sql = new StringWriter();
            liquibase.updateSql(new Contexts(), new LabelExpression(), sql);
            return sql.toString().lines().map(LiquibaseEngine::withoutConnectionDetails).toList();
        });
    }

    @Override
    public void migrate(MigrationListener listener) {
        LiquibaseRelay relay = new LiquibaseRelay(listener, rows);
        failedBeforeAnyWork = false;
        try {
            LiquibaseSession.run(dataSource, changelog, relay.statements(), liquibase -> update(liquibase, relay));
        } catch (Exception e) {
            failedBeforeAnyWork = relay.failedOnFirstStatement();
            throw settle(LiquibaseFailures.ofRun(e, relay, changelog), relay);
        }
    }

    /**
     * A changeset that committed part of its work before it failed is recorded as FAILED, so that the next run is
     * refused rather than repeating that part; every other failure leaves the history as Liquibase left it.
     */
    private SlipwayException settle(SlipwayException failure, LiquibaseRelay relay) {
        if (failure instanceof MigrationFailedException f && f.committedAt() != null && relay.current() != null) {
            boolean recorded = LiquibaseFailedRows.record(target, changelog, relay.current(), f.committedAt());
            return LiquibaseFailures.committedPart(f, recorded);
        }
        return failure;
    }

    /**
     * A changeset that failed inside its transaction was rolled back whole; one that ran outside it
     * is safe to run again only if it failed on its first statement (Liquibase records no failed row).
     */
    @Override
    public boolean prepareRetry(MigrationFailedException failure) {
        return failure.transactional() || failedBeforeAnyWork;
    }

    private Void update(Liquibase liquibase, LiquibaseRelay relay) throws LiquibaseException {
        releaseStaleLock(liquibase.getDatabase());
        runBackfillsInBatches(liquibase);
        liquibase.setChangeExecListener(relay);
        liquibase.update(new Contexts(), new LabelExpression());
        return null;
    }

    /**
     * Swaps the sql change of each changeset that declares a backfill for one that runs it in batches, in the
     * changelog the facade has parsed, which is the one its {@code update} runs.
     */
    private void runBackfillsInBatches(Liquibase liquibase) throws LiquibaseException {
        List<ChangeSet> changeSets = liquibase.getDatabaseChangeLog().getChangeSets();
        if (!LiquibaseBackfills.anyDeclared(changeSets)) {
            return;
        }
        Database database = liquibase.getDatabase();
        ChangeLogHistoryService history = history(database);
        List<RanChangeSet> ran = history.getRanChangeSets();
        history.reset(); // update() reads the history afresh, after it has created or upgraded the table
        for (LiquibaseBackfills.Declared d : LiquibaseBackfills.find(mayRun(changeSets, database, ran),
                backfills.defaults())) {
            d.changeSet().removeAllChanges(List.of(d.change()));
            d.changeSet().addChange(new LiquibaseBackfillChange(d, backfills, this::connection, rows));
        }
    }

    /** The changesets Liquibase may run on {@code database}: not yet applied, or run again when changed or always. */
    private static List<ChangeSet> mayRun(List<ChangeSet> changeSets, Database database, List<RanChangeSet> ran) {
        return changeSets.stream().filter(cs -> runsOn(cs, database))
                .filter(cs -> cs.isAlwaysRun() || cs.isRunOnChange() || ran.stream().noneMatch(r -> r.isSameAs(cs)))
                .toList();
    }

    private Connection connection() {
        try {
            return target.getConnection();
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.CONNECTION_FAILED, "cannot open a connection to watch replica lag: "
                    + e.getMessage(), e);
        }
    }

    private static void releaseStaleLock(Database database) throws LiquibaseException {
        LockService locks = LockServiceFactory.getInstance().getLockService(database);
        for (DatabaseChangeLogLock lock : locks.listLocks()) {
            LOG.warn("Liquibase's changelog lock in DATABASECHANGELOGLOCK was held by '{}' since {}; Slipway holds the"
                    + " writer lock, so that holder is gone (a killed Liquibase run): releasing it", lock.getLockedBy(),
                    lock.getLockGranted() == null ? null : lock.getLockGranted().toInstant());
            locks.forceReleaseLock();
        }
    }

    /** The header's "Against:" line carries every JDBC property of the connection: keep the redacted URL only. */
    private static String withoutConnectionDetails(String line) {
        return line.startsWith("-- Against: ") ? JdbcUrls.redact(line.replaceFirst("\\?.*$", "")) : line;
    }

    private static boolean runsOn(ChangeSet changeSet, Database database) {
        return !changeSet.isIgnore() && !changeSet.isInheritableIgnore()
                && DatabaseList.definitionMatches(changeSet.getDbmsSet(), database, true);
    }

    private static List<RanChangeSet> ranChangeSets(Database database) throws LiquibaseException {
        return history(database).getRanChangeSets();
    }

    private static ChangeLogHistoryService history(Database database) {
        return Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database);
    }

    private <T> T read(LiquibaseSession.Work<T> work) {
        try {
            return LiquibaseSession.run(dataSource, changelog, null, work);
        } catch (Exception e) {
            throw LiquibaseFailures.refused(e, changelog);
        }
    }
}
