package dev.slipway.migrate;

import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.SessionTimeouts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@code slipway status}: what is applied, pending, failed, edited or missing, read without
 * changing anything and without taking the writer lock.
 */
public final class StatusStep {

    private final ConnectionSpec target;
    private final EngineKind engine;
    private final Path location;
    private final MigrationSettings settings;

    public StatusStep(ConnectionSpec target, EngineKind engine, Path location, MigrationSettings settings) {
        this.target = target;
        this.engine = engine;
        this.location = location;
        this.settings = settings;
    }

    /**
     * @throws dev.slipway.SlipwayException {@link dev.slipway.ErrorCode#CONNECTION_FAILED} naming the URL and the user
     *                                      when the target cannot be reached or refuses the login, as migrate does
     */
    public StatusReport call() {
        SessionTimeouts timeouts = new SessionTimeouts(settings.lockTimeout(), settings.statementTimeout());
        checkConnection(timeouts);
        MigrationEngine e = MigrationEngines.create(engine, target.dataSource("slipway-status", timeouts), location,
                settings, new RowCounter());
        MigrationStatus status = e.status();
        Map<MigrationState, Long> counts = new TreeMap<>();
        for (MigrationState s : MigrationState.values()) {
            counts.put(s, status.count(s));
        }
        return new StatusReport(engine.id(), e.toolVersion(), target.redactedUrl(), location.toString(), counts,
                status.entries());
    }

    /**
     * Connects once the way migrate does, so that a missing database, a wrong password or a closed port is the
     * connection error it is rather than whatever the engine makes of it.
     */
    private void checkConnection(SessionTimeouts timeouts) {
        try (Connection reachable = target.open("slipway-status", timeouts)) {
            assert reachable != null;
        } catch (SQLException e) {
            // connected: closing is all that failed
        }
    }
}
