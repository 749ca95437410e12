package dev.slipway.migrate;

import static dev.slipway.migrate.FlywayLockSafetyIT.history;
import static dev.slipway.migrate.MigrateFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.testing.LockHolder;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Backfills run by {@code slipway migrate} on a real server: batches, exactly once, resumed, lock waits. */
@ExtendWith(PostgresExtension.class)
class BackfillIT {

    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY, touched int NOT NULL DEFAULT 0,"
            + " kind text NOT NULL DEFAULT 'a');\nINSERT INTO accounts (id, kind) SELECT i, CASE WHEN i % 3 = 0 THEN 'b'"
            + " ELSE 'a' END FROM generate_series(1, 20000) i;";

    @TempDir
    Path dir;

    @Test
    void runsInManyBatchesAndTouchesEveryRowOnce(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS)
                .add("V2__touch.sql", "-- slipway:backfill first-batch=100 max-batch=1500 batch-time=20ms\n"
                        + "UPDATE accounts SET touched = touched + 1;\n");
        MigrateFixture run = new MigrateFixture();

        MigrationReport report = run.flyway(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) || '/' || count(*) FROM accounts"))
                .isEqualTo("20000/20000");
        assertThat(history(db)).containsExactly("1:true", "2:true");
        assertThat(report.migrations().get(1).rowsAffected()).isEqualTo(20000L);
        assertThat(report.migrations().get(0).backfill()).as("an ordinary migration").isNull();
        assertThat(report.migrations().get(1).backfill()).as("the run's report keeps the backfill's figures")
                .satisfies(b -> {
                    assertThat(b.state()).isEqualTo("finished");
                    assertThat(b.rowsDone()).isEqualTo(20000);
                    assertThat(b.batches()).isGreaterThan(10);
                });
        assertThat(db.value("SELECT state || ' ' || rows_done || ' ' || (batches > 10) || ' ' || (finished_at IS NOT NULL)"
                + " FROM slipway.backfill WHERE migration = 'V2__touch.sql'")).isEqualTo("finished 20000 true true");
        BackfillStatus last = run.backfills.get(run.backfills.size() - 1);
        assertThat(last.state()).isEqualTo("finished");
        assertThat(last.table()).isEqualTo("accounts");
        assertThat(run.backfills).as("the batch size grew from its first 100 rows towards the target time")
                .anyMatch(s -> s.batchSize() > 100);
    }

    @Test
    void aWhereClauseAndACompositeTextKeyAreHonoured(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__pairs.sql", "CREATE TABLE pairs (tenant text NOT NULL, id int NOT NULL, n int NOT "
                        + "NULL DEFAULT 0, PRIMARY KEY (tenant, id));\nINSERT INTO pairs SELECT t, i, 0 FROM unnest(ARRAY["
                        + "'x', 'Y', 'z é', 'a''b']) t, generate_series(1, 500) i;")
                .add("V2__bump.sql", "-- slipway:backfill first-batch=37 max-batch=37\n"
                        + "UPDATE pairs AS p SET n = n + 1 WHERE p.id % 2 = 0;");

        MigrateFixture run = new MigrateFixture();
        MigrationReport report = run.flyway(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT string_agg(DISTINCT (id % 2)::text || ':' || n, ',') FROM pairs")).isEqualTo("0:1,1:0");
        assertThat(db.value("SELECT count(*) FROM pairs WHERE n = 1")).isEqualTo("1000");
        assertThat(db.value("SELECT array_to_string(key_columns, ',') || ' ' || batches FROM slipway.backfill"))
                .as("2000 rows in batches of 37 over (tenant, id)").isEqualTo("tenant,id 55");
    }

    @Test
    void aFailedRunResumesAfterItsLastBatchAndNeverAppliesOneTwice(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS + "\nCREATE TABLE trap (armed boolean);\n"
                        + "INSERT INTO trap VALUES (true);\n"
                        + "CREATE FUNCTION spring() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN\n"
                        + "  IF NEW.id = 12345 AND (SELECT armed FROM trap) THEN RAISE EXCEPTION 'trap sprung'; END IF;\n"
                        + "  RETURN NEW; END $$;\n"
                        + "CREATE TRIGGER spring BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION spring();")
                .add("V2__touch.sql", "-- slipway:backfill first-batch=1000 max-batch=1000\n"
                        + "UPDATE accounts SET touched = touched + 1;");

        MigrationReport failed = new MigrateFixture().flyway(db, dir);

        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.error()).contains("V2__touch.sql", "trap sprung", "12000 rows done", "up to key id = [12000]",
                "stay committed", "the next run resumes after them");
        assertThat(history(db)).as("no failed row: the next run is not refused").containsExactly("1:true");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) || '/' || count(*) FILTER (WHERE touched = 0)"
                + " FROM accounts")).isEqualTo("12000/8000");
        assertThat(db.value("SELECT state || ': ' || reason FROM slipway.backfill")).startsWith("failed: a batch failed")
                .contains("trap sprung");

        db.execute("UPDATE trap SET armed = false");
        MigrationReport resumed = new MigrateFixture().flyway(db, dir);

        assertThat(resumed.outcome()).as(resumed.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) || '/' || count(*) FROM accounts"))
                .as("every row exactly once").isEqualTo("20000/20000");
        assertThat(resumed.migrations().get(0).rowsAffected()).as("the rerun did only the rest").isEqualTo(8000L);
        assertThat(history(db)).containsExactly("1:true", "2:true");
    }

    @Test
    void aChangedStatementIsNotResumed(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS + "\nCREATE TABLE trap (armed "
                        + "boolean);\nINSERT INTO trap VALUES (true);\nCREATE FUNCTION spring() RETURNS trigger LANGUAGE "
                        + "plpgsql AS $$ BEGIN IF NEW.id = 5000 AND (SELECT armed FROM trap) THEN RAISE EXCEPTION 'trap';"
                        + " END IF; RETURN NEW; END $$;\nCREATE TRIGGER spring BEFORE UPDATE ON accounts FOR EACH ROW "
                        + "EXECUTE FUNCTION spring();")
                .add("V2__touch.sql", "-- slipway:backfill first-batch=1000 max-batch=1000\nUPDATE accounts SET touched = 1;");
        assertThat(new MigrateFixture().flyway(db, dir).outcome()).isEqualTo("failed");
        db.execute("UPDATE trap SET armed = false");
        files.add("V2__touch.sql", "-- slipway:backfill first-batch=1000 max-batch=1000\nUPDATE accounts SET touched = 2;");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.outcome()).isEqualTo("failed");
        assertThat(report.errorCode()).isEqualTo("CHECKSUM_DRIFT");
        assertThat(report.error()).contains("V2__touch.sql changed since its backfill started", "4000 rows of accounts",
                "Restore the statement", "DELETE FROM slipway.backfill WHERE migration = 'V2__touch.sql'");
        assertThat(db.value("SELECT count(*) FROM accounts WHERE touched = 2")).isEqualTo("0");
    }

    @Test
    void aBatchThatWaitsForARowLockIsRetriedSmallerAndFinishes(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS);
        assertThat(new MigrateFixture().flyway(db, dir).outcome()).isEqualTo("succeeded");
        files.add("V2__touch.sql", "-- slipway:backfill first-batch=4000 max-batch=4000 min-batch=50\n"
                + "UPDATE accounts SET touched = touched + 1;");
        MigrateFixture run = new MigrateFixture();
        CompletableFuture<MigrationReport> report;
        try (LockHolder holder = LockHolder.open(db, "app")) {
            holder.begin("SELECT * FROM accounts WHERE id = 9000 FOR UPDATE");
            report = CompletableFuture.supplyAsync(() -> run.flyway(db, dir));
            await().atMost(Duration.ofSeconds(30)).until(() -> run.backfills.stream()
                    .anyMatch(s -> s.reason() != null && s.reason().startsWith("lock wait")));
        }
        MigrationReport done = report.join();

        assertThat(done.outcome()).as(done.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) || '/' || count(*) FROM accounts"))
                .isEqualTo("20000/20000");
        BackfillStatus last = run.backfills.get(run.backfills.size() - 1);
        assertThat(last.pausedSeconds()).containsKey("lock");
        assertThat(run.backfills).as("retried with fewer rows").anyMatch(s -> s.batchSize() < 4000);
    }

    @Test
    void aTableWithoutAKeyIsRefusedNamingWhatToDo(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__log.sql", "CREATE TABLE log (n int, u int UNIQUE);\nINSERT INTO log VALUES (1, 1);")
                .add("V2__touch.sql", "-- slipway:backfill\nUPDATE log SET n = n + 1;");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.outcome()).isEqualTo("failed");
        assertThat(report.error()).contains("V2__touch.sql: table log has no primary key and no unique index on NOT NULL "
                + "columns (its unique indexes allow NULLs)", "Add a primary key");
        assertThat(db.value("SELECT n FROM log")).isEqualTo("1");
        assertThat(history(db)).containsExactly("1:true");
    }

    @Test
    void aRepeatableBackfillIsRefused(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS)
                .add("R__touch.sql", "-- slipway:backfill\nUPDATE accounts SET touched = touched + 1;");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.error()).contains("R__touch.sql declares a backfill but is a repeatable migration",
                "V<version>__touch.sql");
        assertThat(db.tableExists("accounts")).as("refused before anything ran").isFalse();
    }

    @Test
    void aBadBackfillIsRefusedBeforeAnythingRuns(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS)
                .add("V2__touch.sql", "-- slipway:backfill batch-time=soon\nUPDATE accounts SET touched = 1 FROM kinds;");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.error()).contains("V2__touch.sql", "batch-time: 'soon' is not a duration");
        assertThat(db.tableExists("accounts")).isFalse();
    }
}
