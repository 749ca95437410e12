package dev.slipway.migrate;

import static dev.slipway.migrate.FlywayLockSafetyIT.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.Standby;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.migrate.backfill.ReplicaLag;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills against a real streaming standby whose replay is paused for real: the backfill pauses on the lag and
 * goes on when replay resumes; a pause longer than max-pause fails the run, its progress kept. Batches are small so
 * that a backfill runs for seconds even on a fast machine: the lag it must see grows with wall time, not with rows
 * (with 500-row batches the whole backfill once ended before the lag reached max-lag).
 */
@ExtendWith(PostgresExtension.class)
class BackfillLagIT {

    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0);\n"
            + "INSERT INTO accounts (id) SELECT generate_series(1, 20000);";

    @TempDir
    Path dir;

    @Test
    void pausesWhileTheStandbyLagsAndResumesWhenItCatchesUp(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS);
        assertThat(new MigrateFixture().flyway(db, dir).outcome()).isEqualTo("succeeded");
        try (Standby standby = Standby.of(db.spec())) {
            standby.awaitCaughtUp();
            files.add("V2__bump.sql", "-- slipway:backfill first-batch=20 max-batch=20 max-lag=1s max-pause=2m duty=0.1\n"
                    + "UPDATE accounts SET n = n + 1;");
            standby.pauseReplay();
            MigrateFixture run = new MigrateFixture();
            CompletableFuture<MigrationReport> report = CompletableFuture.supplyAsync(() -> run.flyway(db, dir));
            await().atMost(Duration.ofSeconds(60)).until(() -> run.backfills.stream().anyMatch(s -> "paused".equals(s.state())));
            BackfillStatus paused = run.backfills.stream().filter(s -> "paused".equals(s.state())).findFirst().orElseThrow();
            assertThat(paused.reason()).startsWith("replica lag ").contains("on " + standby.applicationName(),
                    "(max-lag 1s)");
            assertThat(db.value("SELECT state || ': ' || reason FROM slipway.backfill")).startsWith("paused: replica lag");
            long doneWhilePaused = paused.rowsDone();
            assertThat(doneWhilePaused).as("it stopped well before the end").isLessThan(20000);
            await().atMost(Duration.ofSeconds(30)).until(() -> lagPaused(run.backfills.get(run.backfills.size() - 1)) > 1.5);
            BackfillStatus stillPaused = run.backfills.get(run.backfills.size() - 1);
            assertThat(stillPaused.state()).isEqualTo("paused");
            assertThat(stillPaused.rowsDone()).as("no batch while the standby lags").isEqualTo(doneWhilePaused);

            standby.resumeReplay();
            MigrationReport done = report.join();

            assertThat(done.outcome()).as(done.error()).isEqualTo("succeeded");
            assertThat(db.value("SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM accounts"))
                    .isEqualTo("20000/20000");
            BackfillStatus last = run.backfills.get(run.backfills.size() - 1);
            assertThat(last.state()).isEqualTo("finished");
            assertThat(lagPaused(last)).as("paused for lag").isGreaterThan(1.5);
            assertThat(last.lagMaxSeconds()).as("the lag it saw").isGreaterThan(1.0);
        }
    }

    @Test
    void aPauseLongerThanMaxPauseFailsTheRunAndTheNextRunResumes(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS);
        assertThat(new MigrateFixture().flyway(db, dir).outcome()).isEqualTo("succeeded");
        try (Standby standby = Standby.of(db.spec())) {
            standby.awaitCaughtUp();
            files.add("V2__bump.sql", "-- slipway:backfill first-batch=20 max-batch=20 duty=0.1 max-lag=1s max-pause=2s\n"
                    + "UPDATE accounts SET n = n + 1;");
            standby.pauseReplay();

            MigrationReport failed = new MigrateFixture().flyway(db, dir);

            assertThat(failed.outcome()).isEqualTo("failed");
            assertThat(failed.exitCode()).isEqualTo(4);
            assertThat(failed.error()).contains("V2__bump.sql: the backfill waited longer than max-pause=2s for replica "
                    + "lag", "stay committed", "the next run resumes after them", "Raise max-pause");
            assertThat(history(db)).containsExactly("1:true");
            assertThat(db.value("SELECT state FROM slipway.backfill")).isEqualTo("failed");
            long done = Long.parseLong(db.value("SELECT rows_done FROM slipway.backfill"));
            assertThat(done).as("it stopped between the first batch and the last").isBetween(1L, 19999L);
            assertThat(db.value("SELECT count(*) FROM accounts WHERE n = 1")).isEqualTo(String.valueOf(done));

            standby.resumeReplay();
            standby.awaitCaughtUp();
            MigrationReport resumed = new MigrateFixture().flyway(db, dir);

            assertThat(resumed.outcome()).as(resumed.error()).isEqualTo("succeeded");
            assertThat(db.value("SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM accounts"))
                    .isEqualTo("20000/20000");
        }
    }

    @Test
    void theLagOfAStalledStandbyGrowsOnThePrimaryAndFallsToZeroOnceCaughtUp(TestDatabase db) {
        try (Standby standby = Standby.of(db.spec());
             ReplicaLag lag = new ReplicaLag(() -> db.spec().open("test-lag", null),
                     List.of(new ReplicaLag.Replica("named", standby.spec("postgres"))))) {
            standby.awaitCaughtUp();
            standby.pauseReplay();
            db.execute("CREATE TABLE t (n int)", "INSERT INTO t VALUES (1)");

            await().atMost(Duration.ofSeconds(30)).until(() -> lag.observe().stream()
                    .allMatch(o -> o.seconds() > 1.5));
            List<ReplicaLag.Observed> seen = lag.observe();
            assertThat(seen).extracting(ReplicaLag.Observed::standby).containsExactly(standby.applicationName(), "named");

            standby.resumeReplay();
            standby.awaitCaughtUp();
            await().atMost(Duration.ofSeconds(30)).until(() -> lag.observe().stream().allMatch(o -> o.seconds() == 0));
        }
    }

    private static double lagPaused(BackfillStatus s) {
        return s.pausedSeconds().getOrDefault("lag", 0.0);
    }
}
