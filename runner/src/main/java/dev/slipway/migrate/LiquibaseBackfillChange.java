package dev.slipway.migrate;

import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;
import liquibase.change.AbstractChange;
import liquibase.change.AbstractSQLChange;
import liquibase.change.ChangeMetaData;
import liquibase.change.CheckSum;
import liquibase.change.DatabaseChange;
import liquibase.change.DbmsTargetedChange;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.SetupException;
import liquibase.exception.ValidationErrors;
import liquibase.exception.Warnings;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;
import liquibase.statement.SqlStatement;
import liquibase.structure.DatabaseObject;

/**
 * A changeset's {@code sql} change that declares a backfill, as Slipway runs it: its one statement runs the backfill
 * in batches on Liquibase's own connection, which is in autocommit because the changeset says {@code
 * runInTransaction: false}. Liquibase records the changeset when the statement returns, so only after the last batch
 * committed; a backfill that stops throws {@link dev.slipway.migrate.backfill.BackfillStopped}, and Liquibase records
 * nothing. What Liquibase reads off the change itself (checksum, description, dbms, validation, serialized form) is
 * the declared change's, so its history cannot tell the two apart and a later run sees no drift.
 *
 * <p>The statement runs the backfill only when Liquibase's JDBC executor executes it: generating it (for validation
 * or the log) runs nothing. One instance per run; not thread-safe.
 */
@DatabaseChange(name = "sql", description = "A sql change that declares a backfill, run in batches by Slipway",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
final class LiquibaseBackfillChange extends AbstractChange implements DbmsTargetedChange {

    private final LiquibaseBackfills.Declared declared;
    private final BackfillRuntime runtime;
    private final Supplier<Connection> primary;
    private final RowCounter rows;
    private BackfillStatus finished;

    /**
     * @param primary opens a connection to the target, to watch its standbys
     * @param rows    told the rows of each committed batch
     */
    LiquibaseBackfillChange(LiquibaseBackfills.Declared declared, BackfillRuntime runtime, Supplier<Connection> primary,
                            RowCounter rows) {
        this.declared = declared;
        this.runtime = runtime;
        this.primary = primary;
        this.rows = rows;
    }

    private AbstractSQLChange sql() {
        return declared.change();
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[] {new Batches(database)};
    }

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return false;
    }

    @Override
    public CheckSum generateCheckSum() {
        return sql().generateCheckSum();
    }

    @Override
    public String getDescription() {
        return sql().getDescription();
    }

    @Override
    public String getConfirmationMessage() {
        return finished == null ? "Backfill " + declared.migration() + " did not run"
                : "Backfill " + declared.migration() + " finished: " + finished.rowsDone() + " rows of "
                + finished.table() + " in " + finished.batches() + " batches";
    }

    @Override
    public boolean supports(Database database) {
        return sql().supports(database);
    }

    @Override
    public ValidationErrors validate(Database database) {
        return sql().validate(database);
    }

    @Override
    public Warnings warn(Database database) {
        return sql().warn(database);
    }

    @Override
    public Set<DatabaseObject> getAffectedDatabaseObjects(Database database) {
        return sql().getAffectedDatabaseObjects(database);
    }

    @Override
    public void finishInitialization() throws SetupException {
        sql().finishInitialization();
    }

    @Override
    public String getDbms() {
        return sql().getDbms();
    }

    @Override
    public void setDbms(String dbms) {
        sql().setDbms(dbms);
    }

    @Override
    public Set<String> getSerializableFields() {
        return sql().getSerializableFields();
    }

    @Override
    public Object getSerializableFieldValue(String field) {
        return sql().getSerializableFieldValue(field);
    }

    @Override
    public SerializationType getSerializableFieldType(String field) {
        return sql().getSerializableFieldType(field);
    }

    @Override
    public ParsedNode serialize() throws ParsedNodeException {
        return sql().serialize();
    }

    /**
     * The driver's connection under Liquibase's. Liquibase's counts every update count; the backfill tells the
     * counter the rows of its batches itself, which leaves out the writes of its progress.
     */
    private Connection connection(Database database) throws SQLException {
        Connection c = ((JdbcConnection) database.getConnection()).getUnderlyingConnection().unwrap(Connection.class);
        if (!c.getAutoCommit()) {
            throw new IllegalStateException("changeset " + declared.migration() + " runs in a transaction; Slipway"
                    + " refuses such backfills before running them");
        }
        return c;
    }

    /** The change's one statement: executing it runs the backfill to its end, or resumes it. */
    private final class Batches extends AbstractSqlStatement implements ExecutablePreparedStatement {

        private final Database database;

        Batches(Database database) {
            this.database = database;
        }

        @Override
        public void execute(PreparedStatementFactory factory) throws DatabaseException {
            try {
                finished = runtime.run(declared.migration(), declared.script(), connection(database), primary, rows::add);
            } catch (SQLException e) {
                throw new DatabaseException(e);
            }
        }

        /** What Liquibase logs as the changeset's SQL: the declared text. */
        @Override
        public String getFormattedStatement(Database database) {
            return sql().getSql();
        }

        @Override
        public String toString() {
            return "backfill " + declared.migration() + " in batches";
        }
    }
}
