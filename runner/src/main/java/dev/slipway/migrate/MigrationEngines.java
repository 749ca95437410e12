package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.MigrationSettings;
import dev.slipway.migrate.backfill.BackfillRuntime;
import java.nio.file.Path;
import javax.sql.DataSource;

/** Creates the engine of a kind. */
public final class MigrationEngines {

    private MigrationEngines() {
    }

    /**
     * @param rows     told how many rows each migration changed
     * @param location a directory of SQL migrations (Flyway) or a changelog file or directory (Liquibase)
     * @throws dev.slipway.SlipwayException when the location is missing, empty or holds undo scripts
     */
    public static MigrationEngine create(EngineKind kind, DataSource dataSource, Path location,
                                         MigrationSettings settings, RowCounter rows) {
        return create(kind, dataSource, location, settings, rows, BackfillRuntime.DEFAULT);
    }

    /** @param backfills what migrations that declare a backfill run with */
    public static MigrationEngine create(EngineKind kind, DataSource dataSource, Path location,
                                         MigrationSettings settings, RowCounter rows, BackfillRuntime backfills) {
        return switch (kind) {
            case FLYWAY -> new FlywayEngine(dataSource, location, settings.outOfOrder(), settings.baselineVersion(), rows,
                    backfills);
            case LIQUIBASE -> liquibase(dataSource, location, settings, rows, backfills);
        };
    }

    private static MigrationEngine liquibase(DataSource dataSource, Path location, MigrationSettings settings,
                                             RowCounter rows, BackfillRuntime backfills) {
        if (settings.baselineVersion() != null) {
            throw new SlipwayException(ErrorCode.USAGE, "baselineVersion applies to Flyway only; to adopt an existing "
                    + "database with Liquibase, mark its changesets as applied with Liquibase's changelog-sync first");
        }
        return new LiquibaseEngine(dataSource, location, rows, backfills);
    }
}
