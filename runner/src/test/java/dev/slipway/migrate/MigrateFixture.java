package dev.slipway.migrate;

import dev.slipway.config.MigrationSettings;
import dev.slipway.config.RetryPolicy;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds and runs {@link MigrateStep}s against a test database, collecting what they report. */
final class MigrateFixture {

    /** Short timeouts and quick retries, so lock tests take well under a second per try. */
    static final MigrationSettings FAST = MigrationSettings.DEFAULT
            .withLockTimeout(Duration.ofMillis(300))
            .withWriterLockWait(Duration.ofMillis(500))
            .withRetry(new RetryPolicy(6, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Duration.ofSeconds(20), 0.2));

    final List<StepReport> steps = new ArrayList<>();
    final List<RetryEvent> retries = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();
    final List<dev.slipway.migrate.backfill.BackfillStatus> backfills = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Consumer<RetryEvent> onRetry = r -> { };

    MigrateFixture onRetry(Consumer<RetryEvent> action) {
        this.onRetry = action;
        return this;
    }

    MigrationReport flyway(TestDatabase db, Path location) {
        return flyway(db, location, FAST);
    }

    MigrationReport flyway(TestDatabase db, Path location, MigrationSettings settings) {
        return run(new MigrateRequest(db.spec(), EngineKind.FLYWAY, location, settings, false, null, null));
    }

    /** A dry run of the Flyway migrations in {@code location}. */
    MigrationReport flywayDryRun(TestDatabase db, Path location) {
        return run(new MigrateRequest(db.spec(), EngineKind.FLYWAY, location, FAST, true, null, null));
    }

    /** A run of the Liquibase changelog at {@code location} (a changelog file, or a directory holding one). */
    MigrationReport liquibase(TestDatabase db, Path location) {
        return run(new MigrateRequest(db.spec(), EngineKind.LIQUIBASE, location, FAST, false, null, null));
    }

    MigrationReport run(MigrateRequest request) {
        return new MigrateStep(request, new RunProgress() {
            @Override
            public void migrated(StepReport step) {
                steps.add(step);
            }

            @Override
            public void retrying(RetryEvent retry) {
                retries.add(retry);
                onRetry.accept(retry);
            }

            @Override
            public void droppedInvalidIndex(String index) {
                dropped.add(index);
            }

            @Override
            public void backfill(dev.slipway.migrate.backfill.BackfillStatus status) {
                backfills.add(status);
            }
        }).call();
    }
}
