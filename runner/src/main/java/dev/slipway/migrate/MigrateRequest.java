package dev.slipway.migrate;

import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One run of {@code slipway migrate}.
 *
 * @param stateDb where Slipway records the run; {@code null} means in the target database
 * @param commit  the Git commit the migrations come from, when known
 */
public record MigrateRequest(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings,
                             boolean dryRun, ConnectionSpec stateDb, String commit) {

    public MigrateRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
    }

    public ConnectionSpec stateDbOrTarget() {
        return stateDb != null ? stateDb : target;
    }
}
