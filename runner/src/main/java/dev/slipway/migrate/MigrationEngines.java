package dev.slipway.migrate;

import java.nio.file.Path;
import javax.sql.DataSource;

/** Creates the engine of a kind. */
public final class MigrationEngines {

    private MigrationEngines() {
    }

    /**
     * @param location a directory of SQL migrations (Flyway) or a changelog file or directory (Liquibase)
     * @throws dev.slipway.SlipwayException when the location is missing, empty or holds undo scripts
     */
    public static MigrationEngine create(EngineKind kind, DataSource dataSource, Path location, boolean outOfOrder) {
        return switch (kind) {
            case FLYWAY -> new FlywayEngine(dataSource, location, outOfOrder);
            case LIQUIBASE -> new LiquibaseEngine(dataSource, location);
        };
    }
}
