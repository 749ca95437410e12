package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.RestartableServer;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway migrate} as its own process, killed with SIGKILL mid-migration, and then its target's server restarted
 * (as a crash of the database host or a maintenance restart would): the restart ended the run's writer session, so the
 * next status records the run as {@code interrupted} instead of leaving it {@code running} for ever. The runner is not a
 * superuser: it reads the server's system_identifier all the same. The server is one of the test's own.
 */
class MigrateServerRestartIT extends CliHarness {

    private static final String RUNNER = "slipway_runner";
    private static final String SLOW = "SELECT pg_sleep(60);\nCREATE TABLE slow (id int);\n";

    @TempDir
    Path dir;
    @TempDir
    Path serverDir;

    private RestartableServer server;
    private TestDatabase db;
    private Process process;

    @BeforeEach
    void startAServerOfItsOwn() {
        server = RestartableServer.start(serverDir);
        db = TestDatabase.create(server.server(), "restart_target");
        db.execute("CREATE ROLE " + RUNNER + " LOGIN", "ALTER DATABASE restart_target OWNER TO " + RUNNER);
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKilledRunWhoseServerThenRestartedIsRecordedInterruptedByTheNextStatus() throws Exception {
        MigrationFiles.in(dir).add("V1__slow.sql", SLOW);
        startMigrate();
        process.destroyForcibly().waitFor();

        server.restart();
        assertThat(db.value("SELECT outcome FROM slipway.runs")).as("nothing ended it").isEqualTo("running");
        assertThat(db.value("SELECT writer_system_identifier = (SELECT system_identifier FROM pg_control_system()) "
                + "FROM slipway.runs")).as("the run recorded its server's identity").isEqualTo("t");

        assertThat(slipway(args("status"))).as(out + err).isZero();

        assertThat(db.value("SELECT outcome FROM slipway.runs")).isEqualTo("interrupted");
        assertThat(db.value("SELECT error FROM slipway.runs")).contains("stopped without recording an end",
                "the target's server restarted at ", "which ended its writer lock session (pid ");
        assertThat(db.tableExists("slow")).isFalse();
    }

    private String[] args(String command) {
        return new String[] {command, "--url", db.url(), "--user", RUNNER, "--engine", "flyway", "--location",
                dir.toString()};
    }

    private void startMigrate() throws IOException {
        Path log = dir.resolve("migrate.log");
        process = new ProcessBuilder(RepoFolders.packagedSlipway(args("migrate"))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive() || db.tableExists("runs")
                && !db.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' AND state = "
                        + "'active'").equals("0"));
        assertThat(process.isAlive()).as("migrating; its log:%n%s", Files.readString(log)).isTrue();
    }
}
