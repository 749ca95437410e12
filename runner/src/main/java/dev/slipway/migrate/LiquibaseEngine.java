package dev.slipway.migrate;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;

/** Placeholder until the Liquibase engine lands. */
public final class LiquibaseEngine implements MigrationEngine {
    public LiquibaseEngine(DataSource ds, Path location) {
        throw new UnsupportedOperationException("liquibase");
    }
    public EngineKind kind() { return EngineKind.LIQUIBASE; }
    public String toolVersion() { return ""; }
    public MigrationStatus status() { return null; }
    public List<String> dryRun() { return List.of(); }
    public void migrate(MigrationListener l) { }
    public boolean prepareRetry(MigrationFailedException f) { return false; }
}
