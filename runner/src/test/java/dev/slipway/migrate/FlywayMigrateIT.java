package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Flyway engine's happy path through {@link MigrateStep}: what it applies, reports and records. */
@ExtendWith(PostgresExtension.class)
class FlywayMigrateIT {

    @TempDir
    Path dir;

    @Test
    void appliesTheShippedMigrationsAndRecordsTheRun(TestDatabase db) {
        MigrationFiles files = MigrationFiles.copyOf("migrations/flyway", dir);
        MigrateFixture fx = new MigrateFixture();

        MigrationReport report = fx.flyway(db, files.dir());

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(report.migrations()).extracting(StepReport::migration).containsExactly(
                "V1__create_customers.sql", "V2__create_orders.sql", "V3__index_orders_customer_id.sql",
                "V4__add_customers_status.sql");
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer_id_idx'::regclass"))
                .isEqualTo("t");
        assertThat(db.value("SELECT outcome FROM slipway.runs WHERE id = '" + report.runId() + "'")).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FROM slipway.run_steps WHERE run_id = '" + report.runId() + "'")).isEqualTo("4");
    }

    @Test
    void everyMigratingConnectionCarriesLockAndStatementTimeouts(TestDatabase db) {
        MigrationFiles.in(dir)
                .add("V1__seen.sql", "CREATE TABLE seen AS SELECT 'V1' AS by, current_setting('lock_timeout') AS lock_t,"
                        + " current_setting('statement_timeout') AS stmt_t;")
                .add("V2__index.sql", "CREATE INDEX CONCURRENTLY seen_by_idx ON seen (by);")
                .add("V3__seen_again.sql", "INSERT INTO seen SELECT 'V3', current_setting('lock_timeout'),"
                        + " current_setting('statement_timeout');");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.column("SELECT by || ' ' || lock_t || ' ' || stmt_t FROM seen ORDER BY by"))
                .as("MigrateFixture.FAST: lock_timeout 300ms, statement_timeout 15min")
                .containsExactly("V1 300ms 15min", "V3 300ms 15min");
        assertThat(db.value("SELECT lock_timeout_ms || '/' || statement_timeout_ms FROM slipway.runs"))
                .isEqualTo("300/900000");
    }

    @Test
    void reportsRowsAffectedPerMigration(TestDatabase db) {
        MigrationFiles.in(dir)
                .add("V1__table.sql", "CREATE TABLE numbers (n int);")
                .add("V2__fill.sql", "INSERT INTO numbers SELECT g FROM generate_series(1, 3) AS g;")
                .add("V3__grow.sql", "UPDATE numbers SET n = n * 10 WHERE n > 1;");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.migrations()).extracting(StepReport::migration, StepReport::rowsAffected).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V1__table.sql", 0L),
                org.assertj.core.groups.Tuple.tuple("V2__fill.sql", 3L),
                org.assertj.core.groups.Tuple.tuple("V3__grow.sql", 2L));
        assertThat(db.column("SELECT rows_affected FROM slipway.run_steps ORDER BY ordinal")).containsExactly("0", "3", "2");
    }

    @Test
    void dryRunAppliesNothingAndListsThePendingScripts(TestDatabase db) {
        MigrationFiles.in(dir)
                .add("V1__a.sql", "CREATE TABLE a (id int);")
                .add("V2__b.sql", "CREATE TABLE b (id int);");

        MigrationReport report = new MigrateFixture().flywayDryRun(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("dry-run");
        assertThat(report.plan()).hasSize(2);
        assertThat(report.plan().get(0)).contains("V1__a.sql");
        assertThat(report.plan().get(1)).contains("V2__b.sql");
        assertThat(report.migrations()).isEmpty();
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.column("SELECT 1 FROM pg_tables WHERE tablename = 'flyway_schema_history'"))
                .as("a dry run creates no Flyway history table").isEmpty();
        assertThat(db.value("SELECT outcome || ' ' || dry_run FROM slipway.runs")).isEqualTo("dry-run true");
    }

    @Test
    void dryRunAfterAnAppliedMigrationListsOnlyWhatIsPending(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        new MigrateFixture().flyway(db, dir);
        files.add("V2__b.sql", "CREATE TABLE b (id int);");

        MigrationReport report = new MigrateFixture().flywayDryRun(db, dir);

        assertThat(report.plan()).singleElement().asString().contains("V2__b.sql");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.value("SELECT count(*) FROM flyway_schema_history")).isEqualTo("1");
    }

    @Test
    void recordsEveryRunWithItsOutcomeAndErrorCode(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        MigrationReport applied = new MigrateFixture().flyway(db, dir);
        files.add("V2__broken.sql", "CREATE TABLE b (id int);\nSELEC 1;");
        MigrationReport failed = new MigrateFixture().flyway(db, dir);
        files.add("V1__a.sql", "CREATE TABLE a (id bigint);");
        MigrationReport refused = new MigrateFixture().flyway(db, dir);

        assertThat(db.value(runRow(applied))).isEqualTo("succeeded|-|-");
        assertThat(db.value(runRow(failed))).isEqualTo("failed|MIGRATION_FAILED|error");
        assertThat(db.value(runRow(refused))).isEqualTo("refused|CHECKSUM_DRIFT|error");
        assertThat(db.column(steps(applied))).containsExactly("V1__a.sql:succeeded");
        assertThat(db.column(steps(failed))).containsExactly("V2__broken.sql:failed");
        assertThat(db.column(steps(refused))).isEmpty();
        assertThat(db.value("SELECT error FROM slipway.run_steps WHERE run_id = '" + failed.runId() + "'"))
                .contains("42601");
    }

    @Test
    void keepsTheRunRecordInASeparateStateDatabase(TestDatabase db, TestDatabase state) {
        MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        MigrateRequest request = new MigrateRequest(db.spec(), EngineKind.FLYWAY, dir, MigrateFixture.FAST, false,
                state.spec(), "0123abc");

        MigrationReport report = new MigrateFixture().run(request);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.tableExists("a")).isTrue();
        assertThat(db.column("SELECT 1 FROM pg_namespace WHERE nspname = 'slipway'"))
                .as("the target has no slipway schema").isEmpty();
        assertThat(state.value("SELECT outcome || ' ' || commit_sha || ' ' || target FROM slipway.runs WHERE id = '"
                + report.runId() + "'")).isEqualTo("succeeded 0123abc " + db.url());
        assertThat(state.column(steps(report))).containsExactly("V1__a.sql:succeeded");
        assertThat(state.tableExists("a")).isFalse();
    }

    private static String runRow(MigrationReport report) {
        return "SELECT outcome || '|' || coalesce(error_code, '-') || '|' || CASE WHEN error IS NULL THEN '-' ELSE 'error' END"
                + " FROM slipway.runs WHERE id = '" + report.runId() + "' AND finished_at IS NOT NULL";
    }

    static String steps(MigrationReport report) {
        return "SELECT migration || ':' || outcome FROM slipway.run_steps WHERE run_id = '" + report.runId()
                + "' ORDER BY ordinal";
    }
}
