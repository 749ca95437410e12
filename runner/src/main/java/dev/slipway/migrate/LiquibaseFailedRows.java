package dev.slipway.migrate;

import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.executor.Executor;
import liquibase.executor.ExecutorService;
import liquibase.statement.core.MarkChangeSetRanStatement;
import liquibase.statement.core.UpdateStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows Slipway adds to DATABASECHANGELOG for a changeset that committed part of its work itself before a later
 * statement failed. Liquibase records nothing for a failed changeset, so its next run would repeat the committed part;
 * such a row (EXECTYPE {@code FAILED}, COMMENTS starting with {@link #MARK}) makes Slipway refuse the next run instead,
 * as Flyway's failed row does. Liquibase 4 writes no FAILED rows of its own (not even for {@code failOnError: false});
 * only rows with the mark are refused, so a FAILED row another tool wrote still counts as run, as Liquibase reads it.
 *
 * <p>Plain Liquibase, run outside Slipway, reads the row as run and skips the changeset: repair it before.
 */
final class LiquibaseFailedRows {

    /** How COMMENTS of Slipway's FAILED row begins. */
    static final String MARK = "slipway: refused until repaired: ";

    private static final Logger LOG = LoggerFactory.getLogger(LiquibaseFailedRows.class);
    private static final int COMMENTS_SIZE = 250;

    private LiquibaseFailedRows() {
    }

    /** Whether {@code row} is Slipway's FAILED row. */
    static boolean marks(RanChangeSet row) {
        return row.getExecType() == ChangeSet.ExecType.FAILED && row.getComments() != null
                && row.getComments().startsWith(MARK);
    }

    /**
     * What {@code row} says happened, and how to find it: for the refusal of the next run.
     * {@code it committed part of its work (COMMIT at changelog.sql:8) before a later statement failed; its row in
     * databasechangelog: id = '2' AND author = 'dev' AND filename = 'changelog.sql'}.
     */
    static String describe(RanChangeSet row) {
        return row.getComments().substring(MARK.length()) + "; its row in databasechangelog: id = "
                + literal(row.getId()) + " AND author = " + literal(row.getAuthor()) + " AND filename = "
                + literal(row.getChangeLog());
    }

    /**
     * Adds Slipway's FAILED row for {@code changeSet}, which committed part of its work at {@code commitPoint}, with
     * Liquibase's own statements (so the row has the changeset's checksum, order and deployment id). Returns false, with
     * a warning, when the history could not be changed.
     */
    static boolean record(DataSource dataSource, LiquibaseChangelog changelog, ChangeSet changeSet,
                          String commitPoint) {
        String comments = MARK + "it committed part of its work (" + commitPoint + ") before a later statement failed";
        changeSet.setComments(comments.length() <= COMMENTS_SIZE ? comments : comments.substring(0, COMMENTS_SIZE));
        try {
            LiquibaseSession.run(dataSource, changelog, null, liquibase -> {
                Database database = liquibase.getDatabase();
                Executor jdbc = Scope.getCurrentScope().getSingleton(ExecutorService.class).getExecutor("jdbc", database);
                jdbc.execute(new MarkChangeSetRanStatement(changeSet, ChangeSet.ExecType.EXECUTED));
                jdbc.execute(asFailed(database, changeSet));
                database.commit();
                return null;
            });
            LOG.info("recorded {} as FAILED in databasechangelog: it committed part of its work ({})",
                    LiquibaseHistory.id(changeSet), commitPoint);
            return true;
        } catch (Exception e) {
            LOG.warn("cannot record {} as FAILED in databasechangelog: {}", LiquibaseHistory.id(changeSet),
                    e.getMessage());
            return false;
        }
    }

    /** Liquibase writes no FAILED row itself, so its row goes in as EXECUTED and is changed in the same transaction. */
    private static UpdateStatement asFailed(Database database, ChangeSet changeSet) {
        String table = database.getDatabaseChangeLogTableName();
        return new UpdateStatement(database.getLiquibaseCatalogName(),
                database.getLiquibaseSchemaName(), table)
                .addNewColumnValue("EXECTYPE", ChangeSet.ExecType.FAILED.value)
                .setWhereClause(column(database, table, "ID") + " = ? AND " + column(database, table, "AUTHOR")
                        + " = ? AND " + column(database, table, "FILENAME") + " = ?")
                .addWhereParameters(changeSet.getId(), changeSet.getAuthor(), changeSet.getStoredFilePath());
    }

    private static String column(Database database, String table, String name) {
        return database.escapeColumnName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(), table,
                name);
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
