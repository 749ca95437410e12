package dev.slipway.cli;

import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.migrate.EngineKind;
import java.nio.file.Path;

/** Everything a database command needs, merged from flags, environment variables and slipway.yaml. */
record ResolvedTarget(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings,
                      ConnectionSpec state) {
}
