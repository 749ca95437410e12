package dev.slipway.migrate;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.listener.SqlListener;

/**
 * Relays Liquibase's per-changeset events to a run's {@link MigrationListener}, and remembers the
 * changeset that is running and the last statement sent for it, for the error if it fails.
 * Called on the engine's thread only.
 */
final class LiquibaseRelay extends AbstractChangeExecListener {

    private final MigrationListener listener;
    private final RowCounter rows;
    private Long changeRows;
    private final SqlListener statements = new SqlListener() {
        @Override
        public void writeSqlWillRun(String sql) {
            if (current != null && !failed) {
                lastStatement = sql;
                sent++;
                if (mayCommit(sql) && ScriptCommits.isCommit(sql)) {
                    commits++;
                    lastCommit = "its statement " + sent + ", " + sql.strip();
                }
            }
        }
    };
    private ChangeSet current;
    private MigrationEntry currentEntry;
    private String lastStatement;
    private boolean failed;
    private int sent;
    private int commits;
    private String lastCommit;

    LiquibaseRelay(MigrationListener listener, RowCounter rows) {
        this.listener = listener;
        this.rows = rows;
    }

    /** Register with Liquibase's scope to hear each statement before it is sent. */
    SqlListener statements() {
        return statements;
    }

    @Override
    public void willRun(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.RunStatus status) {
        current = changeSet;
        lastStatement = null;
        failed = false;
        sent = 0;
        commits = 0;
        lastCommit = null;
        changeRows = 0L;
        currentEntry = LiquibaseHistory.entry(changeSet, MigrationState.PENDING, null, null);
        listener.started(currentEntry);
    }

    /** Rows are counted per change, so that Liquibase's own history row for the changeset is left out. */
    @Override
    public void willRun(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        rows.take();
    }

    @Override
    public void ran(Change change, ChangeSet changeSet, DatabaseChangeLog changeLog, Database database) {
        Long n = rows.take();
        changeRows = n == null || changeRows == null ? null : changeRows + n;
    }

    @Override
    public void ran(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, ChangeSet.ExecType type) {
        rows.take();
        if (changeRows == null) {
            rows.unknown();
        } else {
            rows.add(changeRows);
        }
        listener.succeeded(currentEntry);
        current = null;
        currentEntry = null;
    }

    @Override
    public void runFailed(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database, Exception e) {
        failed = true;
        listener.failed(currentEntry);
    }

    /** The changeset that started and did not finish, or {@code null}. */
    ChangeSet current() {
        return current;
    }

    /** True when the current changeset failed on the first statement it sent: nothing of it ran. */
    boolean failedOnFirstStatement() {
        return current != null && failed && sent <= 1;
    }

    /** The changeset's last own COMMIT that ran before it failed ({@code its statement 2, COMMIT}), or {@code null}. */
    String committedAt() {
        return current == null ? null : lastCommit;
    }

    /** How many COMMITs of its own the current changeset ran: the last one is the {@code commits()}-th. */
    int commits() {
        return current == null ? 0 : commits;
    }

    /** A cheap first look, so that only statements that may be a COMMIT are tokenized. */
    private static boolean mayCommit(String sql) {
        String s = sql.stripLeading();
        return s.regionMatches(true, 0, "COMMIT", 0, 6) || s.regionMatches(true, 0, "END", 0, 3)
                || s.startsWith("--") || s.startsWith("/*");
    }

    /** The last statement the current changeset sent before it failed or finished, or {@code null}. */
    String lastStatement() {
        return current == null ? null : lastStatement;
    }
}
