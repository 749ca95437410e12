package dev.slipway.bench;

import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/** The two ways a benchmark applies migrations: the plain Flyway API, and Slipway's {@link MigrateStep}. */
public enum Tool {

    /** {@code Flyway.configure().dataSource(url, user, password).locations(dir).load().migrate()}: no timeouts. */
    FLYWAY("plain Flyway") {
        @Override
        ToolRun migrate(ConnectionSpec db, Path dir, MigrationSettings settings) {
            long start = System.nanoTime();
            try {
                MigrateResult result = Flyway.configure(Tool.class.getClassLoader())
                        .dataSource(db.url(), db.user(), db.password())
                        .locations("filesystem:" + dir.toAbsolutePath())
                        .load()
                        .migrate();
                return new ToolRun(this, result.success, result.migrationsExecuted, 0, millisSince(start), null);
            } catch (FlywayException e) {
                return new ToolRun(this, false, 0, 0, millisSince(start), e.getMessage());
            }
        }
    },

    /** {@link MigrateStep} with the given settings: lock and statement timeouts, retries, run log. */
    SLIPWAY("Slipway") {
        @Override
        ToolRun migrate(ConnectionSpec db, Path dir, MigrationSettings settings) {
            long start = System.nanoTime();
            MigrationReport report = new MigrateStep(new MigrateRequest(db, EngineKind.FLYWAY, dir, settings, false,
                    null, null), RunProgress.NONE).call();
            int applied = (int) report.migrations().stream().filter(m -> "succeeded".equals(m.outcome())).count();
            return new ToolRun(this, report.succeeded(), applied, report.retries().size(), millisSince(start),
                    report.error());
        }
    };

    private final String label;

    Tool(String label) {
        this.label = label;
    }

    /** How reports name the tool. */
    public String label() {
        return label;
    }

    /** Applies the pending migrations in {@code dir} to {@code db}; {@code settings} matter to Slipway only. */
    abstract ToolRun migrate(ConnectionSpec db, Path dir, MigrationSettings settings);

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
