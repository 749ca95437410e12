package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.listener.LiquibaseListener;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs a piece of Liquibase work on one connection from the data source, inside a Liquibase scope
 * that keeps it quiet and offline: console messages and the update summary go to the log (SLF4J),
 * never to stdout, and analytics are off, so Liquibase does not reach for the network.
 */
final class LiquibaseSession {

    /** Work done with a Liquibase facade that is open on one connection. */
    interface Work<T> {
        T run(Liquibase liquibase) throws Exception;
    }

    private static final LiquibaseLogService LOG_SERVICE = new LiquibaseLogService();

    private LiquibaseSession() {
    }

    /**
     * Opens a connection, runs {@code work} with a facade on it and closes the connection.
     *
     * @param listener heard by Liquibase while the work runs (for example a {@code SqlListener}), or {@code null}
     * @throws SlipwayException {@link ErrorCode#CONNECTION_FAILED} when no connection can be had
     * @throws Exception        whatever {@code work} throws
     */
    static <T> T run(DataSource dataSource, LiquibaseChangelog changelog, LiquibaseListener listener, Work<T> work)
            throws Exception {
        try (ResourceAccessor files = new DirectoryResourceAccessor(changelog.root())) {
            return Scope.child(listener, quiet(files), () -> withFacade(dataSource, changelog, files, work));
        }
    }

    private static Map<String, Object> quiet(ResourceAccessor files) {
        return Map.of(Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.logService.name(), LOG_SERVICE,
                Scope.Attr.resourceAccessor.name(), files,
                "liquibase.analytics.enabled", Boolean.FALSE,
                "liquibase.showBanner", Boolean.FALSE);
    }

    private static <T> T withFacade(DataSource dataSource, LiquibaseChangelog changelog, ResourceAccessor files,
                                    Work<T> work) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
                new JdbcConnection(connect(dataSource)));
        try (Liquibase liquibase = new Liquibase(changelog.file(), files, database)) {
            liquibase.setShowSummary(UpdateSummaryEnum.SUMMARY);
            liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
            return work.run(liquibase);
        }
    }

    private static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.CONNECTION_FAILED, "Liquibase cannot connect to the target database"
                    + " (SQLSTATE " + e.getSQLState() + "): " + e.getMessage()
                    + "; check that the server runs and the connection settings are right", e);
        }
    }
}
