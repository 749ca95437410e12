package dev.slipway.migrate;

import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.executor.Context;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.extensibility.MigrationType;
import org.flywaydb.core.internal.info.MigrationInfoContext;
import org.flywaydb.core.internal.jdbc.Result;
import org.flywaydb.core.internal.jdbc.Results;

/**
 * A Flyway migration exactly as resolved, run by another executor: one that adds the update counts of its statements
 * (which Flyway collects anyway) to a {@link RowCounter}, rows per migration at no extra round trip where wrapping
 * every JDBC call would slow every statement down; or a backfill's.
 */
final class WrappedMigration implements ResolvedMigration {

    private final ResolvedMigration delegate;
    private final MigrationExecutor executor;

    private WrappedMigration(ResolvedMigration delegate, MigrationExecutor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    /** {@code migration}, counting the rows its statements change. */
    static ResolvedMigration counting(ResolvedMigration migration, RowCounter rows) {
        return migration.getExecutor() == null ? migration
                : new WrappedMigration(migration, new CountingExecutor(migration.getExecutor(), rows));
    }

    /** {@code migration} run by {@code executor} instead of its own. */
    static ResolvedMigration runBy(ResolvedMigration migration, MigrationExecutor executor) {
        return new WrappedMigration(migration, executor);
    }

    @Override
    public MigrationExecutor getExecutor() {
        return executor;
    }

    @Override
    public MigrationVersion getVersion() {
        return delegate.getVersion();
    }

    @Override
    public boolean isVersioned() {
        return delegate.isVersioned();
    }

    @Override
    public String getDescription() {
        return delegate.getDescription();
    }

    @Override
    public String getScript() {
        return delegate.getScript();
    }

    @Override
    public Integer getChecksum() {
        return delegate.getChecksum();
    }

    @Override
    public MigrationType getType() {
        return delegate.getType();
    }

    @Override
    public String getPhysicalLocation() {
        return delegate.getPhysicalLocation();
    }

    @Override
    public MigrationState getState(MigrationInfoContext context) {
        return delegate.getState(context);
    }

    @Override
    public boolean canCompareWith(ResolvedMigration other) {
        return delegate.canCompareWith(other instanceof WrappedMigration w ? w.delegate : other);
    }

    @Override
    public boolean checksumMatches(Integer checksum) {
        return delegate.checksumMatches(checksum);
    }

    @Override
    public boolean checksumMatchesWithoutBeingIdentical(Integer checksum) {
        return delegate.checksumMatchesWithoutBeingIdentical(checksum);
    }

    /** Runs the migration and counts what its statements report as changed. */
    private record CountingExecutor(MigrationExecutor delegate, RowCounter rows) implements MigrationExecutor {

        @Override
        public List<Results> execute(Context context) throws SQLException {
            List<Results> results = delegate.execute(context);
            if (results != null) {
                results.stream().flatMap(r -> r.getResults().stream()).mapToLong(Result::updateCount)
                        .filter(n -> n > 0).forEach(rows::add);
            }
            return results;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return delegate.canExecuteInTransaction();
        }

        @Override
        public boolean shouldExecute() {
            return delegate.shouldExecute();
        }

        @Override
        public String shouldExecuteExpression() {
            return delegate.shouldExecuteExpression();
        }
    }
}
