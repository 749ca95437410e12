package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway migrate} as its own process (the packaged jar), killed with SIGKILL mid-migration: its run stays
 * {@code running} while it really runs, and the next status or migrate records it as {@code interrupted}.
 */
@ExtendWith(PostgresExtension.class)
class MigrateKillIT extends CliHarness {

    /** Sleeps while a session named {@value #HOLD} is connected anywhere on the server, else returns at once. */
    private static final String HOLD = "slipway-test-hold";
    private static final String SLOW = "SELECT pg_sleep(CASE WHEN EXISTS (SELECT 1 FROM pg_stat_activity "
            + "WHERE application_name = '" + HOLD + "') THEN 60 ELSE 0 END);\nCREATE TABLE slow (id int);\n";
    private static final String SLEEPING = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%' "
            + "AND state = 'active'";

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stopProcess() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void aRunningMigrateIsLeftAloneAndOnceKilledTheNextStatusRecordsItInterrupted(TestDatabase db) throws Exception {
        MigrationFiles.in(dir).add("V1__slow.sql", SLOW);
        try (Connection hold = db.spec().open(HOLD, null)) {
            startMigrate(db);

            assertThat(slipway(args(db, "status"))).as(out + err).isZero();
            assertThat(db.value("SELECT outcome FROM slipway.runs")).as("it still runs").isEqualTo("running");

            kill(db);
            assertThat(slipway(args(db, "status"))).as(out + err).isZero();
        }
        assertThat(db.value("SELECT outcome FROM slipway.runs")).isEqualTo("interrupted");
        assertThat(db.value("SELECT error FROM slipway.runs")).contains("stopped without recording an end",
                "writer lock session (pid ");
    }

    @Test
    void theNextMigrateRecordsAKilledRunInterruptedAndAppliesWhatItLeft(TestDatabase db) throws Exception {
        MigrationFiles.in(dir).add("V1__slow.sql", SLOW);
        try (Connection hold = db.spec().open(HOLD, null)) {
            startMigrate(db);
            kill(db);
        }
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%'");

        assertThat(slipway(args(db, "migrate"))).as(out + err).isZero();

        assertThat(db.column("SELECT outcome FROM slipway.runs ORDER BY started_at"))
                .containsExactly("interrupted", "succeeded");
        assertThat(db.tableExists("slow")).isTrue();
    }

    private String[] args(TestDatabase db, String command) {
        return new String[] {command, "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location",
                dir.toString()};
    }

    private void startMigrate(TestDatabase db) throws IOException {
        Path log = dir.resolve("migrate.log");
        process = new ProcessBuilder(RepoFolders.packagedSlipway(args(db, "migrate"))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive()
                || !db.value(SLEEPING).equals("0") && db.tableExists("runs"));
        assertThat(process.isAlive()).as("migrating; its log:%n%s", Files.readString(log)).isTrue();
    }

    /** SIGKILL, then wait until the server has seen its writer lock's session go. */
    private void kill(TestDatabase db) throws InterruptedException {
        process.destroyForcibly().waitFor();
        assertThat(process.exitValue()).isEqualTo(137);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.value("SELECT count(*) FROM pg_stat_activity WHERE "
                + "application_name LIKE 'slipway-writer/%' AND datname = current_database()").equals("0"));
    }
}
