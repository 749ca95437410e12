package dev.slipway.migrate;

import static dev.slipway.migrate.MigrateFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.migrate.backfill.BackfillSettings;
import dev.slipway.migrate.backfill.Throttle;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase changesets that declare a backfill, run by {@code slipway migrate} on a real server: in batches, recorded
 * in DATABASECHANGELOG once and only after the last batch, resumed after a stop, refused when they cannot run so, and
 * with the checksum of the sql change as written.
 */
@ExtendWith(PostgresExtension.class)
class LiquibaseBackfillIT {

    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY, touched int NOT NULL DEFAULT 0);\n"
            + "INSERT INTO accounts (id) SELECT i FROM generate_series(1, 20000) i;";
    private static final String OUTSIDE_TRANSACTION = "      runInTransaction: false\n";
    private static final String TOUCH = "changelog.yaml::touch::test";

    @TempDir
    Path dir;

    @Test
    void runsAYamlBackfillInBatchesAndRecordsItOnceAfterItsLastBatch(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.yaml", changelog(changeSet("accounts", "", ACCOUNTS),
                changeSet("touch", OUTSIDE_TRANSACTION, "-- slipway:backfill first-batch=100 max-batch=1500 batch-time=20ms\n"
                        + "UPDATE accounts SET touched = touched + 1;")));
        List<String> recordedWhileRunning = new CopyOnWriteArrayList<>();
        BackfillListener watcher = status -> {
            if ("running".equals(status.state())) {
                recordedWhileRunning.add(db.value("SELECT count(*) FROM databasechangelog WHERE id = 'touch'"));
            }
        };

        MigrationReport report = run(db, runtime(watcher, List.of()));

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) || '/' || count(*) FROM accounts"))
                .as("every row updated once").isEqualTo("20000/20000");
        assertThat(db.value("SELECT state || ' ' || rows_done || ' ' || (batches > 1) FROM slipway.backfill"
                + " WHERE migration = '" + TOUCH + "'")).isEqualTo("finished 20000 true");
        assertThat(report.migrations()).extracting(StepReport::migration, StepReport::rowsAffected).as("rows of the"
                + " batches, without the writes of its progress").containsExactly(tuple("changelog.yaml::accounts::test",
                20000L), tuple(TOUCH, 20000L));
        assertThat(recordedWhileRunning).as("not in DATABASECHANGELOG while its batches run").isNotEmpty()
                .containsOnly("0");
        assertThat(history(db)).containsExactly("accounts", "touch");

        MigrationReport again = run(db, BackfillRuntime.DEFAULT);

        assertThat(again.outcome()).as(again.error()).isEqualTo("succeeded");
        assertThat(again.migrations()).isEmpty();
        assertThat(history(db)).containsExactly("accounts", "touch");
        assertThat(db.value("SELECT count(*) FROM accounts WHERE touched = 1")).isEqualTo("20000");
    }

    @Test
    void refusesABackfillThatIsNotOneUpdateNamingTheChangesetBeforeAnythingRuns(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.yaml", changelog(changeSet("accounts", "", ACCOUNTS),
                changeSet("touch", OUTSIDE_TRANSACTION, "-- slipway:backfill\nUPDATE accounts SET touched = 1;\n"
                        + "DELETE FROM accounts WHERE id > 10000;")));

        MigrationReport report = run(db, BackfillRuntime.DEFAULT);

        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.error()).contains("changeset " + TOUCH + " declares a backfill that Slipway cannot run in"
                + " batches", "exactly one UPDATE; found 2 statements (UPDATE, DELETE)");
        assertThat(db.tableExists("accounts")).as("refused before any changeset ran").isFalse();
    }

    @Test
    void refusesABackfillChangesetThatRunsInATransactionSayingWhatToWrite(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.yaml", changelog(changeSet("accounts", "", ACCOUNTS),
                changeSet("touch", "", "-- slipway:backfill\nUPDATE accounts SET touched = 1;")));

        MigrationReport report = run(db, BackfillRuntime.DEFAULT);

        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.error()).contains("changeset " + TOUCH + " declares a backfill", "runs in a transaction",
                "add runInTransaction: false");
        assertThat(db.tableExists("accounts")).isFalse();
    }

    @Test
    void aBackfillThatStopsKeepsItsBatchesAndTheNextRunResumesItEveryRowOnce(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.yaml", changelog(changeSet("accounts", "", ACCOUNTS),
                changeSet("touch", OUTSIDE_TRANSACTION, "-- slipway:backfill first-batch=1000 max-batch=1000"
                        + " batch-time=10m max-pause=1s\nUPDATE accounts SET touched = touched + 1;")));

        MigrationReport stopped = run(db, runtime(BackfillListener.NONE, List.of(holdsAfter(3))));

        assertThat(stopped.outcome()).isEqualTo("failed");
        assertThat(stopped.exitCode()).isEqualTo(4);
        assertThat(stopped.error()).contains(TOUCH, "waited longer than max-pause=1s", "3000 rows done",
                "stay committed", "the next run resumes after them");
        assertThat(history(db)).as("Liquibase did not record the stopped backfill").containsExactly("accounts");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) || '/' || count(*) FILTER (WHERE touched = 0)"
                + " FROM accounts")).isEqualTo("3000/17000");
        assertThat(db.value("SELECT state FROM slipway.backfill")).isEqualTo("failed");

        MigrationReport resumed = run(db, BackfillRuntime.DEFAULT);

        assertThat(resumed.outcome()).as(resumed.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) || '/' || count(*) FROM accounts"))
                .as("every row incremented exactly once").isEqualTo("20000/20000");
        assertThat(resumed.migrations()).extracting(StepReport::rowsAffected).as("the rerun did only the rest")
                .containsExactly(17000L);
        assertThat(history(db)).containsExactly("accounts", "touch");
        assertThat(db.value("SELECT state || ' ' || rows_done FROM slipway.backfill")).isEqualTo("finished 20000");
    }

    @Test
    void recordsTheChecksumOfTheSqlChangeAsWrittenSoALaterRunSeesNoDrift(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.yaml", changelog(changeSet("accounts", "", ACCOUNTS),
                changeSet("touch", OUTSIDE_TRANSACTION, "-- slipway:backfill first-batch=5000\n"
                        + "UPDATE accounts SET touched = touched + 1;")));
        assertThat(run(db, BackfillRuntime.DEFAULT).outcome()).isEqualTo("succeeded");

        MigrationEntry touch = plainEngine(db).status().entries().get(1);

        assertThat(touch.id()).isEqualTo(TOUCH);
        assertThat(touch.current()).as("the checksum Liquibase gives the changeset as parsed, without Slipway")
                .isEqualTo(db.value("SELECT md5sum FROM databasechangelog WHERE id = 'touch'"));
        assertThat(touch.state()).isEqualTo(MigrationState.APPLIED);
        MigrationReport again = run(db, BackfillRuntime.DEFAULT);
        assertThat(again.outcome()).as(again.error()).isEqualTo("succeeded");
        assertThat(again.errorCode()).isNull();
        assertThat(again.migrations()).isEmpty();
    }

    @Test
    void runsABackfillDeclaredInAFormattedSqlChangelog(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.sql", "--liquibase formatted sql\n"
                + "--changeset test:accounts\n" + ACCOUNTS + "\n"
                + "--changeset test:touch runInTransaction:false\n"
                + "-- slipway:backfill first-batch=3000 max-batch=3000\n"
                + "UPDATE accounts SET touched = touched + 1 WHERE id % 2 = 0;\n");

        MigrationReport report = new MigrateFixture().liquibase(db, files.file("changelog.sql"));

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT string_agg(DISTINCT (id % 2)::text || ':' || touched, ',') FROM accounts"))
                .isEqualTo("0:1,1:0");
        assertThat(db.value("SELECT batches FROM slipway.backfill WHERE migration = 'changelog.sql::touch::test'"))
                .as("20000 rows in batches of 3000").isEqualTo("7");
        assertThat(history(db)).containsExactly("accounts", "touch");
    }

    @Test
    void runsABackfillFromTheSqlFileOfAnXmlChangelog(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="accounts" author="test">
                        <sql>%s</sql>
                    </changeSet>
                    <changeSet id="touch" author="test" runInTransaction="false">
                        <sqlFile path="touch.sql" relativeToChangelogFile="true"/>
                    </changeSet>
                </databaseChangeLog>
                """.formatted(ACCOUNTS)).add("touch.sql", "-- slipway:backfill first-batch=6000 max-batch=6000\n"
                + "UPDATE accounts SET touched = touched + 1;\n");

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FILTER (WHERE touched = 1) FROM accounts")).isEqualTo("20000");
        assertThat(db.value("SELECT batches FROM slipway.backfill")).as("20000 rows in batches of 6000").isEqualTo("4");
        assertThat(history(db)).containsExactly("accounts", "touch");
        assertThat(run(db, BackfillRuntime.DEFAULT).migrations()).as("no drift, nothing to run").isEmpty();
    }

    private MigrationReport run(TestDatabase db, BackfillRuntime backfills) {
        return new MigrateFixture().run(new MigrateRequest(db.spec(), EngineKind.LIQUIBASE, dir, FAST, false, null, null)
                .withBackfills(backfills));
    }

    private static BackfillRuntime runtime(BackfillListener listener, List<Throttle> throttles) {
        return new BackfillRuntime(BackfillSettings.DEFAULT, List.of(), throttles, listener);
    }

    /** A throttle that lets {@code batches} batches through and holds from then on. */
    private static Throttle holdsAfter(int batches) {
        AtomicInteger asked = new AtomicInteger();
        return settings -> asked.incrementAndGet() > batches
                ? Optional.of(new Throttle.Hold("slo", "a test's hold")) : Optional.empty();
    }

    /** An engine whose status reads the changelog as Liquibase parses it, with no run of Slipway's around it. */
    private LiquibaseEngine plainEngine(TestDatabase db) {
        return new LiquibaseEngine(db.spec().dataSource("liquibase-it", null), dir, new RowCounter());
    }

    /** The ids in DATABASECHANGELOG, in the order they ran. */
    private static List<String> history(TestDatabase db) {
        return db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted");
    }

    private static String changelog(String... changeSets) {
        return "databaseChangeLog:\n" + String.join("", changeSets);
    }

    /** A YAML changeset by author {@code test} with one {@code sql} change; {@code attributes} are indented lines. */
    private static String changeSet(String id, String attributes, String sql) {
        String body = sql.lines().map(l -> "              " + l).collect(Collectors.joining("\n"));
        return "  - changeSet:\n      id: " + id + "\n      author: test\n" + attributes + "      changes:\n"
                + "        - sql:\n            sql: |\n" + body + "\n";
    }
}
