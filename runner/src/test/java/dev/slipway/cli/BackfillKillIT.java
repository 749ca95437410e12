package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill run by {@code slipway migrate} as its own process (the packaged jar), killed with SIGKILL between
 * batches: status shows it interrupted, and the next migrate resumes it so that every row is updated exactly once;
 * for Flyway and for Liquibase.
 */
@ExtendWith(PostgresExtension.class)
class BackfillKillIT extends CliHarness {

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
    void aKilledBackfillIsResumedAndEveryRowIsIncrementedExactlyOnce(TestDatabase db) throws Exception {
        MigrationFiles.in(dir).add("V1__accounts.sql", "CREATE TABLE accounts (id int PRIMARY KEY, n int NOT NULL);\n"
                        + "INSERT INTO accounts SELECT i, 0 FROM generate_series(1, 30000) i;\nANALYZE accounts;")
                .add("V2__increment.sql", "-- slipway:backfill first-batch=500 max-batch=500 batch-time=10m duty=0.01\n"
                        + "UPDATE accounts SET n = n + 1;");
        Path log = dir.resolve("migrate.log");
        long done = killMidBackfill(db, "flyway", log);
        assertThat(Files.readString(log)).contains("backfill V2__increment.sql (accounts):", "rows/s", "batch 500 rows");

        assertThat(slipway(args(db, "status"))).as(out + err).isZero();
        assertThat(out).contains("interrupted", "V2__increment.sql (accounts): " + String.format("%,d", done),
                "the next run resumes after its last batch");

        assertThat(slipway(args(db, "migrate"))).as(out + err).isZero();

        assertThat(db.value("SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM accounts"))
                .as("every row exactly once").isEqualTo("30000/30000");
        assertThat(err).contains("V2__increment.sql (accounts): 30,000 of ~30,000 rows (100 %), finished");
        assertThat(out).containsPattern("ok +V2__increment\\.sql \\([^)]*, a backfill in [0-9]+ batches, paused "
                + "[0-9.]+ s for duty\\)");
        assertThat(db.value("SELECT state FROM slipway.backfill")).isEqualTo("finished");
        assertThat(db.column("SELECT outcome FROM slipway.runs ORDER BY started_at"))
                .containsExactly("interrupted", "succeeded");
    }

    @Test
    void aKilledLiquibaseBackfillIsResumedAndItsChangesetRecordedOnceAfterItsLastBatch(TestDatabase db) throws Exception {
        MigrationFiles.in(dir).add("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: accounts
                      author: test
                      changes:
                        - sql:
                            sql: |
                              CREATE TABLE accounts (id int PRIMARY KEY, n int NOT NULL);
                              INSERT INTO accounts SELECT i, 0 FROM generate_series(1, 30000) i;
                              ANALYZE accounts;
                  - changeSet:
                      id: increment
                      author: test
                      runInTransaction: false
                      changes:
                        - sql:
                            sql: |
                              -- slipway:backfill first-batch=500 max-batch=500 batch-time=10m duty=0.01
                              UPDATE accounts SET n = n + 1
                """);
        killMidBackfill(db, "liquibase", dir.resolve("migrate.log"));
        assertThat(db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                .as("not recorded before its last batch").containsExactly("accounts");

        assertThat(slipway(args(db, "migrate", "liquibase"))).as(out + err).isZero();

        assertThat(db.value("SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM accounts"))
                .as("every row exactly once").isEqualTo("30000/30000");
        assertThat(db.value("SELECT state FROM slipway.backfill")).isEqualTo("finished");
        assertThat(db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                .containsExactly("accounts", "increment");
        assertThat(db.column("SELECT outcome FROM slipway.runs ORDER BY started_at"))
                .containsExactly("interrupted", "succeeded");
    }

    /**
     * Starts {@code slipway migrate} as its own process, kills it with SIGKILL once its backfill has reported progress,
     * waits until its sessions are gone, and checks that the committed batches and the recorded progress agree.
     *
     * @return the rows the recorded progress says are done
     */
    private long killMidBackfill(TestDatabase db, String engine, Path log) throws Exception {
        process = new ProcessBuilder(RepoFolders.packagedSlipway(args(db, "migrate", engine))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> !process.isAlive()
                || Files.readString(log).contains("rows/s, ETA"));
        assertThat(process.isAlive()).as("backfilling; its log:%n%s", Files.readString(log)).isTrue();

        process.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(30)).until(() -> db.value("SELECT count(*) FROM pg_stat_activity WHERE "
                + "(application_name LIKE 'slipway-writer/%' OR application_name LIKE 'slipway-migrate/%') AND datname = "
                + "current_database()").equals("0"));
        long done = Long.parseLong(db.value("SELECT rows_done FROM slipway.backfill"));
        assertThat(done).isLessThan(30000);
        assertThat(db.value("SELECT count(*) FROM accounts WHERE n = 1")).as("committed batches and their progress agree")
                .isEqualTo(String.valueOf(done));
        return done;
    }

    private String[] args(TestDatabase db, String command) {
        return args(db, command, "flyway");
    }

    private String[] args(TestDatabase db, String command, String engine) {
        String location = "liquibase".equals(engine) ? dir.resolve("changelog.yaml").toString() : dir.toString();
        return new String[] {command, "--url", db.url(), "--user", db.user(), "--engine", engine, "--location", location};
    }
}
