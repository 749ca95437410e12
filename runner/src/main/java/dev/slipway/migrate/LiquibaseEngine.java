package dev.slipway.migrate;

import dev.slipway.db.JdbcUrls;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
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
 */
public final class LiquibaseEngine implements MigrationEngine {

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseEngine.class);

    private final DataSource dataSource;
    private final RowCounter rows;
    private final LiquibaseChangelog changelog;
    private boolean failedBeforeAnyWork;

    /**
     * @param location a changelog file, or a directory holding one of {@link LiquibaseChangelog#DEFAULT_NAMES}
     * @throws dev.slipway.SlipwayException {@link dev.slipway.ErrorCode#LOCATION_INVALID} when there is no changelog there
     */
    public LiquibaseEngine(DataSource dataSource, Path location, RowCounter rows) {
        this.rows = rows;
        this.dataSource = rows.wrap(dataSource);
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

    @Override
    public MigrationStatus status() {
        return new MigrationStatus(EngineKind.LIQUIBASE, read(liquibase -> LiquibaseHistory.entries(
                liquibase.getDatabaseChangeLog().getChangeSets(), cs -> runsOn(cs, liquibase.getDatabase()),
                ranChangeSets(liquibase.getDatabase()))));
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
            throw LiquibaseFailures.ofRun(e, relay, changelog);
        }
    }

    /**
     * A changeset that failed inside its transaction was rolled back whole; one that ran outside it
     * is safe to run again only if it failed on its first statement (Liquibase records no failed row).
     */
    @Override
    public boolean prepareRetry(MigrationFailedException failure) {
        return failure.transactional() || failedBeforeAnyWork;
    }

    private static Void update(Liquibase liquibase, LiquibaseRelay relay) throws LiquibaseException {
        releaseStaleLock(liquibase.getDatabase());
        liquibase.setChangeExecListener(relay);
        liquibase.update(new Contexts(), new LabelExpression());
        return null;
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
        return ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).getRanChangeSets();
    }

    private <T> T read(LiquibaseSession.Work<T> work) {
        try {
            return LiquibaseSession.run(dataSource, changelog, null, work);
        } catch (Exception e) {
            throw LiquibaseFailures.refused(e, changelog);
        }
    }
}
