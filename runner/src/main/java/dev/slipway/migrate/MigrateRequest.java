package dev.slipway.migrate;

import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.migrate.backfill.BackfillRuntime;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One run of {@code slipway migrate}.
 *
 * @param stateDb where Slipway records the run; {@code null} means in the target database
 * @param commit  the Git commit the migrations come from, when known
 * @param backfills what migrations that declare a backfill run with (their progress also goes to the run's
 *                {@link RunProgress})
 */
public record MigrateRequest(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings,
                             boolean dryRun, ConnectionSpec stateDb, String commit, BackfillRuntime backfills) {

    public MigrateRequest(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings,
                          boolean dryRun, ConnectionSpec stateDb, String commit) {
        this(target, engine, location, settings, dryRun, stateDb, commit, BackfillRuntime.DEFAULT);
    }

    /** This request, its backfills run with {@code b}. */
    public MigrateRequest withBackfills(BackfillRuntime b) {
        return new MigrateRequest(target, engine, location, settings, dryRun, stateDb, commit, b);
    }

    public MigrateRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(backfills, "backfills");
    }

    public ConnectionSpec stateDbOrTarget() {
        return stateDb != null ? stateDb : target;
    }
}
