package dev.slipway.migrate;

import static dev.slipway.migrate.FlywayHistoryIT.closedPort;
import static dev.slipway.migrate.FlywayLockSafetyIT.history;
import static dev.slipway.migrate.MigrateFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How Flyway runs fail: bad SQL, timeouts, bad locations and unreachable or refusing servers. */
@ExtendWith(PostgresExtension.class)
class FlywayFailureIT {

    @TempDir
    Path dir;

    @Test
    void syntaxErrorFailsWithFileLineAndSqlStateAndRollsTheMigrationBack(TestDatabase db) {
        MigrationFiles.in(dir)
                .add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__notes.sql", "CREATE TABLE notes (id int);\nINSERT INTO accounts VALUES (1);\n\nCREAT TABLE oops (id int);");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.outcome()).isEqualTo("failed");
        assertThat(report.errorCode()).isEqualTo("MIGRATION_FAILED");
        assertThat(report.exitCode()).isEqualTo(4);
        assertThat(report.error()).contains("V2__notes.sql:4", "SQLSTATE 42601", "rolled back");
        assertThat(report.migrations())
                .extracting(StepReport::migration, StepReport::outcome, StepReport::rowsAffected).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("V1__accounts.sql", "succeeded", 0L),
                        org.assertj.core.groups.Tuple.tuple("V2__notes.sql", "failed", 0L));
        assertThat(db.tableExists("accounts")).isTrue();
        assertThat(db.value("SELECT count(*) FROM accounts")).as("V2's insert was rolled back").isEqualTo("0");
        assertThat(db.tableExists("notes")).isFalse();
        assertThat(history(db)).containsExactly("1:true");
    }

    @Test
    void migrationExceedingStatementTimeoutFailsAsSuchAndIsRolledBack(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__slow.sql", "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);");

        MigrationReport report = new MigrateFixture().flyway(db, dir, FAST.withStatementTimeout(Duration.ofMillis(400)));

        assertThat(report.outcome()).isEqualTo("failed");
        assertThat(report.errorCode()).isEqualTo("STATEMENT_TIMEOUT");
        assertThat(report.exitCode()).isEqualTo(4);
        assertThat(report.error()).contains("V1__slow.sql:2", "statement_timeout", "400ms", "rolled back");
        assertThat(report.retries()).as("a statement timeout is not retried").isEmpty();
        assertThat(db.tableExists("slow")).isFalse();
    }

    @Test
    void refusesAMissingLocation(TestDatabase db) {
        Path missing = dir.resolve("no-such-dir");

        assertRefused(() -> new MigrateFixture().flyway(db, missing), ErrorCode.LOCATION_INVALID)
                .hasMessageContaining(missing.toString()).hasMessageContaining("is not a directory")
                .hasMessageContaining("--location");
    }

    @Test
    void refusesALocationWithoutMigrations(TestDatabase db) throws IOException {
        Files.writeString(dir.resolve("README.md"), "nothing here");

        assertRefused(() -> new MigrateFixture().flyway(db, dir), ErrorCode.LOCATION_INVALID)
                .hasMessageContaining(dir.toString()).hasMessageContaining("holds no Flyway migrations");
        assertThat(db.column("SELECT 1 FROM pg_namespace WHERE nspname = 'slipway'")).isEmpty();
    }

    @Test
    void failsToConnectToAClosedPort(TestDatabase db) throws IOException {
        MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        ConnectionSpec closed = new ConnectionSpec("jdbc:postgresql://127.0.0.1:" + closedPort() + "/app", "app", null,
                Duration.ofSeconds(2));

        assertRefused(() -> run(closed), ErrorCode.CONNECTION_FAILED)
                .hasMessageContaining("127.0.0.1").hasMessageContaining("check that the server runs");
    }

    @Test
    void failsWithinTheConnectTimeoutWhenTheServerNeverAnswers() throws IOException {
        MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ConnectionSpec hung = new ConnectionSpec("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/app",
                    "app", null, Duration.ofSeconds(1));

            assertFailsToConnectWithin(hung, Duration.ofSeconds(15));
        }
    }

    @Test
    void failsWithinTheConnectTimeoutWhenTheConnectionIsNeverAccepted() throws IOException {
        MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 4; i++) {
                queued.add(new Socket());
                tryConnect(queued.get(i), full.getLocalPort());
            }
            ConnectionSpec unanswered = new ConnectionSpec("jdbc:postgresql://127.0.0.1:" + full.getLocalPort() + "/app",
                    "app", null, Duration.ofSeconds(1));

            assertFailsToConnectWithin(unanswered, Duration.ofSeconds(15));
        } finally {
            for (Socket s : queued) {
                s.close();
            }
        }
    }

    @Test
    void wrongPasswordFailsWithoutShowingEitherPassword(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        ConnectionSpec right = db.passwordUser("correct-horse-42");
        ConnectionSpec wrong = new ConnectionSpec(right.url(), right.user(), "wrong-battery-17", Duration.ofSeconds(5));

        assertRefused(() -> run(wrong), ErrorCode.CONNECTION_FAILED)
                .hasMessageContaining("28P01").hasMessageContaining(right.user()).hasMessageContaining("password")
                .message().doesNotContain("correct-horse-42").doesNotContain("wrong-battery-17");
    }

    @Test
    void wrongPasswordInTheUrlIsRedactedFromTheError(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        ConnectionSpec right = db.passwordUser("correct-horse-42");
        ConnectionSpec inUrl = new ConnectionSpec(right.url() + "?password=url-secret-99", right.user(), null,
                Duration.ofSeconds(5));

        assertRefused(() -> run(inUrl), ErrorCode.CONNECTION_FAILED)
                .hasMessageContaining("password=***").message().doesNotContain("url-secret-99");
    }

    private void assertFailsToConnectWithin(ConnectionSpec target, Duration bound) {
        long start = System.nanoTime();
        assertRefused(() -> run(target), ErrorCode.CONNECTION_FAILED).hasMessageContaining("cannot connect");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
    }

    private MigrationReport run(ConnectionSpec target) {
        return new MigrateFixture().run(new MigrateRequest(target, EngineKind.FLYWAY, dir,
                FAST.withConnectTimeout(target.connectTimeout()), false, null, null));
    }

    private static void tryConnect(Socket socket, int port) {
        try {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        } catch (IOException e) {
            // the accept queue is full: exactly what the test wants
        }
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            ThrowingCallable call, ErrorCode code) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(SlipwayException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }
}
