package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;

/**
 * A migration failed while running. Carries what a caller needs to decide whether to retry
 * (the SQLSTATE) and what a developer needs to fix it (file, line, statement).
 */
public class MigrationFailedException extends SlipwayException {

    private static final long serialVersionUID = 1L;

    /** Lock not available: {@code lock_timeout} expired. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Deadlock detected. */
    public static final String DEADLOCK = "40P01";
    /** Query canceled: here, {@code statement_timeout} expired. */
    public static final String QUERY_CANCELED = "57014";

    private final String migration;
    private final String script;
    private final int line;
    private final String sqlState;
    private final String statement;
    private final boolean transactional;
    private final String committedAt;

    private MigrationFailedException(String migration, String script, int line, String sqlState, String statement,
                                     boolean transactional, String committedAt, String message, Throwable cause) {
        super(codeFor(sqlState), message, cause);
        this.migration = migration;
        this.script = script;
        this.line = line;
        this.sqlState = sqlState;
        this.statement = statement;
        this.transactional = transactional;
        this.committedAt = committedAt;
    }

    /**
     * A failure of {@code migration} at {@code script:line} with the server's {@code dbMessage}; the
     * message says whether the database was left as before the migration.
     */
    public static MigrationFailedException of(String migration, String script, int line, String sqlState,
                                              String statement, boolean transactional, String dbMessage,
                                              Throwable cause) {
        return new MigrationFailedException(migration, script, line, sqlState, statement, transactional, null,
                describe(migration, script, line, sqlState, dbMessage) + "; " + (transactional
                        ? "its transaction was rolled back, so the database is as it was before " + migration
                        : migration + " ran outside a transaction, so statements before the failing one, if any, "
                          + "stay applied"), cause);
    }

    /**
     * A failure of {@code migration} that committed part of its work itself ({@code commitPoint}, such as
     * {@code COMMIT at line 3}) before a later statement failed: only what came after that COMMIT was rolled back.
     * Never retried, as a migration run outside a transaction.
     */
    public static MigrationFailedException committedPart(String migration, String script, int line,
                                                         java.sql.SQLException sql, String statement,
                                                         String commitPoint, Throwable cause) {
        return new MigrationFailedException(migration, script, line, sql.getSQLState(), statement, false, commitPoint,
                describe(migration, script, line, sql.getSQLState(), serverMessage(sql)) + "; " + migration
                        + " commits its own transaction (" + commitPoint + "), so what it ran up to there stays in the"
                        + " database; only the statements after that COMMIT were rolled back", cause);
    }

    /** A failure the database reported as {@code sql}: its SQLSTATE and the server's own message. */
    public static MigrationFailedException of(String migration, String script, int line, java.sql.SQLException sql,
                                              String statement, boolean transactional, Throwable cause) {
        return of(migration, script, line, sql.getSQLState(), statement, transactional, serverMessage(sql), cause);
    }

    private static String serverMessage(java.sql.SQLException sql) {
        if (sql instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            return p.getServerErrorMessage().getMessage();
        }
        return sql.getMessage();
    }

    /** The same failure with {@code detail} appended to its message. */
    public MigrationFailedException withDetail(String detail) {
        return new MigrationFailedException(migration, script, line, sqlState, statement, transactional, committedAt,
                getMessage() + detail, this);
    }

    private static ErrorCode codeFor(String sqlState) {
        if (LOCK_NOT_AVAILABLE.equals(sqlState) || DEADLOCK.equals(sqlState)) {
            return ErrorCode.LOCK_TIMEOUT;
        }
        return QUERY_CANCELED.equals(sqlState) ? ErrorCode.STATEMENT_TIMEOUT : ErrorCode.MIGRATION_FAILED;
    }

    private static String describe(String migration, String script, int line, String sqlState, String dbMessage) {
        String where = script == null ? migration : script + (line > 0 ? ":" + line : "");
        String what = QUERY_CANCELED.equals(sqlState)
                ? "exceeded statement_timeout (" + dbMessage + ")"
                : "failed (SQLSTATE " + sqlState + "): " + dbMessage;
        return "migration " + where + " " + what;
    }

    /** True when the failure was a lock wait that timed out or a deadlock: worth retrying. */
    public boolean isLockFailure() {
        return LOCK_NOT_AVAILABLE.equals(sqlState) || DEADLOCK.equals(sqlState);
    }

    public String migration() {
        return migration;
    }

    public String script() {
        return script;
    }

    public int line() {
        return line;
    }

    public String sqlState() {
        return sqlState;
    }

    public String statement() {
        return statement;
    }

    public boolean transactional() {
        return transactional;
    }

    /** Where the migration committed part of its work itself before it failed ({@code COMMIT at line 3}), or null. */
    public String committedAt() {
        return committedAt;
    }
}
