package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every command that reads the target reports a database it cannot reach or log in to as the connection error it is
 * (exit 3, the URL and the user named, no password), never as a failed migration.
 */
@ExtendWith(PostgresExtension.class)
class ConnectFailureCliIT extends CliHarness {

    private static final List<List<String>> COMMANDS = List.of(List.of("migrate"), List.of("status"),
            List.of("lint", "--only-pending"), List.of("lint", "--trace"));

    @Test
    void aMissingDatabaseIsAConnectionError(TestDatabase db) {
        ConnectionSpec missing = db.spec().withDatabase("no_such_database");

        assertEveryCommandFailsToConnect(missing.url(), missing.user(), "3D000", "no_such_database",
                "check that the server runs and the host, port and database in the URL are right");
    }

    @Test
    void aWrongPasswordIsAConnectionErrorThatShowsNeitherPassword(TestDatabase db) {
        ConnectionSpec user = db.passwordUser("right-pw-123");
        env.put("SLIPWAY_PASSWORD", "wrong-pw-456");

        assertEveryCommandFailsToConnect(user.url(), user.user(), "28P01", "check the user and the password");
        assertThat(out + err).doesNotContain("right-pw-123", "wrong-pw-456");
    }

    @Test
    void aClosedPortIsAConnectionError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/app";

        assertEveryCommandFailsToConnect(url, "app", "08001", "127.0.0.1:" + port);
    }

    private void assertEveryCommandFailsToConnect(String url, String user, String... expected) {
        for (List<String> command : COMMANDS) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--url", url, "--user", user, "--engine", "flyway", "--location",
                    RepoFolders.path("migrations/flyway").toString(), "--connect-timeout", "5s"));

            int code = slipway(args.toArray(String[]::new));

            assertThat(code).as(command + ": " + out + err).isEqualTo(3);
            assertThat(err).as(command.toString()).contains("cannot connect to", url.replaceFirst("^jdbc:", ""),
                    "as user '" + user + "'").contains(expected).doesNotContain("MIGRATION_FAILED", "rolled back");
        }
    }
}
