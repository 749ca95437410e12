package dev.slipway.migrate;

import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.migrate.backfill.BackfillScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.api.executor.Context;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.internal.jdbc.Results;

/**
 * Runs a Flyway migration that declares a backfill: outside a transaction (each batch commits its own), on Flyway's
 * connection with its session timeouts, watching the primary's standbys and the run's replicas. Flyway records it
 * applied only when this returns, that is after the last batch committed.
 */
final class BackfillExecutor implements MigrationExecutor {

    private final String migration;
    private final BackfillScript script;
    private final BackfillRuntime runtime;
    private final Supplier<Connection> primary;
    private final RowCounter rows;

    BackfillExecutor(String migration, BackfillScript script, BackfillRuntime runtime, Supplier<Connection> primary,
                     RowCounter rows) {
        this.migration = migration;
        this.script = script;
        this.runtime = runtime;
        this.primary = primary;
        this.rows = rows;
    }

    @Override
    public List<Results> execute(Context context) throws SQLException {
        Connection c = context.getConnection();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            runtime.run(migration, script, c, primary, rows::add);
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return List.of();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public boolean shouldExecute() {
        return true;
    }

    @Override
    public String shouldExecuteExpression() {
        return null;
    }
}
