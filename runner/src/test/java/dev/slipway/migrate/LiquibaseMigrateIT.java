package dev.slipway.migrate;

import static dev.slipway.migrate.MigrateFixture.FAST;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.testing.LockHolder;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Liquibase changelogs through {@link MigrateStep}: applied, refused, retried and failed as a release engineer expects. */
@ExtendWith(PostgresExtension.class)
class LiquibaseMigrateIT {

    @TempDir
    Path dir;

    @Test
    void appliesTheShippedChangelogWithoutPrintingAndASecondRunAppliesNothing(TestDatabase db) {
        MigrationFiles files = MigrationFiles.copyOf("migrations/liquibase", dir);
        MigrateFixture fx = new MigrateFixture();

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        MigrationReport report = capturingStdout(stdout, () -> fx.liquibase(db, files.dir()));

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(report.engineVersion()).startsWith("Liquibase 4.33");
        assertThat(report.migrations()).extracting(StepReport::description).containsExactly(
                "createTable tableName=customers", "createTable tableName=orders", "sql", "addColumn tableName=customers");
        assertThat(report.migrations()).extracting(StepReport::outcome).containsOnly("succeeded");
        assertThat(stdout.toString(UTF_8)).as("Liquibase's banner and update summary stay off stdout").isEmpty();
        assertThat(db.columnExists("customers", "status")).isTrue();
        assertThat(db.columnExists("orders", "customer_id")).isTrue();
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_customer_id_idx'::regclass"))
                .isEqualTo("t");
        assertThat(history(db)).containsExactly("1-create-customers", "2-create-orders", "3-index-orders-customer-id",
                "4-add-customers-status");

        MigrationReport again = new MigrateFixture().liquibase(db, files.dir());

        assertThat(again.outcome()).as(again.error()).isEqualTo("succeeded");
        assertThat(again.migrations()).isEmpty();
        assertThat(history(db)).hasSize(4);
    }

    @Test
    void migratesOnConnectionsThatCarryTheRunsTimeouts(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.yaml", changelog(sqlChangeSet("record-session", """
                CREATE TABLE session_settings AS
                SELECT (SELECT setting FROM pg_settings WHERE name = 'lock_timeout')::bigint AS lock_ms,
                       (SELECT setting FROM pg_settings WHERE name = 'statement_timeout')::bigint AS statement_ms,
                       current_setting('application_name') AS application""")));

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT lock_ms FROM session_settings"))
                .isEqualTo(String.valueOf(FAST.lockTimeout().toMillis()));
        assertThat(db.value("SELECT statement_ms FROM session_settings"))
                .isEqualTo(String.valueOf(FAST.statementTimeout().toMillis()));
        assertThat(db.value("SELECT application FROM session_settings")).startsWith("slipway-migrate/");
    }

    @Test
    void retriesABlockedChangesetOnceTheBlockingSessionEnds(TestDatabase db) {
        db.execute("CREATE TABLE accounts (id int)");
        MigrationFiles.in(dir).add("changelog.yaml", changelog(sqlChangeSet("add-note",
                "ALTER TABLE accounts ADD COLUMN note text")));
        try (LockHolder holder = LockHolder.open(db, "report-job").begin("LOCK TABLE accounts IN ACCESS SHARE MODE")) {
            MigrateFixture fx = new MigrateFixture().onRetry(r -> holder.release());

            MigrationReport report = fx.liquibase(db, dir);

            assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
            assertThat(fx.retries).isNotEmpty();
            assertThat(fx.retries.get(0).migration()).isEqualTo("changelog.yaml::add-note::test");
            assertThat(fx.retries.get(0).sqlState()).isEqualTo(MigrationFailedException.LOCK_NOT_AVAILABLE);
            assertThat(fx.retries.get(0).blockers()).extracting(BlockingSession::pid).contains(holder.pid());
            assertThat(report.retries()).isEqualTo(fx.retries);
        }
        assertThat(db.columnExists("accounts", "note")).isTrue();
        assertThat(history(db)).containsExactly("add-note");
    }

    @Test
    void retriesABlockedConcurrentIndexChangesetThatRanOutsideATransaction(TestDatabase db) {
        db.execute("CREATE TABLE accounts (id int)");
        MigrationFiles.in(dir).add("changelog.yaml", changelog(sqlChangeSet("idx",
                "CREATE INDEX CONCURRENTLY accounts_id_idx ON accounts (id)").replace("author: test\n",
                "author: test\n      runInTransaction: false\n")));
        try (LockHolder holder = LockHolder.open(db, "vacuum-job").begin("LOCK TABLE accounts IN SHARE UPDATE EXCLUSIVE MODE")) {
            MigrateFixture fx = new MigrateFixture().onRetry(r -> holder.release());

            MigrationReport report = fx.liquibase(db, dir);

            assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
            assertThat(fx.retries).extracting(RetryEvent::migration).contains("changelog.yaml::idx::test");
        }
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_id_idx'::regclass")).isEqualTo("t");
    }

    @Test
    void reportsTheRowsEachChangesetChangedWithoutItsHistoryRow(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.yaml", changelog(
                sqlChangeSet("table", "CREATE TABLE numbers (n int)"),
                sqlChangeSet("fill", "INSERT INTO numbers SELECT g FROM generate_series(1, 3) AS g"),
                sqlChangeSet("grow", "UPDATE numbers SET n = n * 10 WHERE n > 1")));

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        assertThat(report.migrations()).extracting(StepReport::rowsAffected).containsExactly(0L, 3L, 2L);
    }

    @Test
    void refusesAnEditedAppliedChangesetWithBothChecksums(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.yaml", changelog(
                sqlChangeSet("a", "CREATE TABLE a (id int)")));
        assertThat(new MigrateFixture().liquibase(db, dir).outcome()).isEqualTo("succeeded");
        files.add("changelog.yaml", changelog(sqlChangeSet("a", "CREATE TABLE a (id bigint)"),
                sqlChangeSet("b", "CREATE TABLE b (id int)")));

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        MigrationEntry edited = engine(db, dir).status().entries().get(0);
        assertThat(edited.id()).isEqualTo("changelog.yaml::a::test");
        assertThat(edited.state()).isEqualTo(MigrationState.CHECKSUM_DRIFT);
        assertThat(edited.stored()).isEqualTo(db.value("SELECT md5sum FROM databasechangelog WHERE id = 'a'"))
                .isNotEqualTo(edited.current());
        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.errorCode()).isEqualTo(ErrorCode.CHECKSUM_DRIFT.name());
        assertThat(report.error()).contains("changelog.yaml", "stored checksum " + edited.stored(),
                "current checksum " + edited.current());
        assertThat(db.tableExists("b")).as("nothing pending runs after a refusal").isFalse();
        assertThat(history(db)).containsExactly("a");
    }

    @Test
    void runsAnEditedRunOnChangeChangesetAgainInsteadOfRefusingIt(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.yaml", changelog(
                sqlChangeSet("a", "CREATE TABLE a (id int)"), runOnChange(sqlChangeSet("v", "CREATE VIEW v AS SELECT 1 AS n"))));
        assertThat(new MigrateFixture().liquibase(db, dir).outcome()).isEqualTo("succeeded");
        files.add("changelog.yaml", changelog(sqlChangeSet("a", "CREATE TABLE a (id int)"),
                runOnChange(sqlChangeSet("v", "CREATE OR REPLACE VIEW v AS SELECT 42 AS n"))));

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(report.migrations()).hasSize(1);
        assertThat(db.value("SELECT n FROM v")).isEqualTo("42");
    }

    @Test
    void refusesWhenAnAppliedChangesetIsGoneFromTheChangelog(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.yaml", changelog(
                sqlChangeSet("a", "CREATE TABLE a (id int)"), sqlChangeSet("b", "CREATE TABLE b (id int)")));
        assertThat(new MigrateFixture().liquibase(db, dir).outcome()).isEqualTo("succeeded");
        files.add("changelog.yaml", changelog(sqlChangeSet("a", "CREATE TABLE a (id int)"),
                sqlChangeSet("c", "CREATE TABLE c (id int)")));

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.errorCode()).isEqualTo(ErrorCode.MISSING_MIGRATION.name());
        assertThat(report.error()).contains("changelog.yaml::b::test");
        assertThat(db.tableExists("c")).isFalse();
    }

    @Test
    void refusesAPendingChangesetInsertedBeforeAppliedOnes(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.yaml", changelog(
                sqlChangeSet("a", "CREATE TABLE a (id int)"), sqlChangeSet("c", "CREATE TABLE c (id int)")));
        assertThat(new MigrateFixture().liquibase(db, dir).outcome()).isEqualTo("succeeded");
        files.add("changelog.yaml", changelog(sqlChangeSet("a", "CREATE TABLE a (id int)"),
                sqlChangeSet("b", "CREATE TABLE b (id int)"), sqlChangeSet("c", "CREATE TABLE c (id int)"),
                sqlChangeSet("d", "CREATE TABLE d (id int)")));

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.errorCode()).isEqualTo(ErrorCode.OUT_OF_ORDER.name());
        assertThat(report.error()).contains("changelog.yaml::b::test").doesNotContain("changelog.yaml::d::test");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.tableExists("d")).isFalse();
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void releasesAStaleChangelogLockLeftByAKilledRun(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.yaml", changelog(
                sqlChangeSet("a", "CREATE TABLE a (id int)")));
        assertThat(new MigrateFixture().liquibase(db, dir).outcome()).isEqualTo("succeeded");
        db.execute("UPDATE databasechangeloglock SET locked = true, lockedby = 'ci-runner-7 (10.1.2.3)',"
                + " lockgranted = '2024-05-01 10:00:00' WHERE id = 1");
        files.add("changelog.yaml", changelog(sqlChangeSet("a", "CREATE TABLE a (id int)"),
                sqlChangeSet("b", "CREATE TABLE b (id int)")));
        Logger engineLog = (Logger) LoggerFactory.getLogger(LiquibaseEngine.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        engineLog.addAppender(warnings);

        MigrationReport report;
        try {
            report = new MigrateFixture().liquibase(db, dir);
        } finally {
            engineLog.detachAppender(warnings);
        }

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.tableExists("b")).isTrue();
        assertThat(db.value("SELECT locked FROM databasechangeloglock WHERE id = 1")).isEqualTo("f");
        assertThat(warnings.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("ci-runner-7 (10.1.2.3)", "2024-05-01T10:00");
    }

    @Test
    void failsOnASyntaxErrorAndRollsBackTheWholeChangeset(TestDatabase db) {
        MigrationFiles.in(dir).add("changelog.sql", """
                --liquibase formatted sql

                --changeset test:1
                CREATE TABLE kept (id int);

                --changeset test:2
                CREATE TABLE half_done (id int);
                INSERT INTO kept VALUES (1);
                CREATE TABLEX broken (id int);
                """);

        MigrationReport report = new MigrateFixture().liquibase(db, dir.resolve("changelog.sql"));

        assertThat(report.outcome()).isEqualTo("failed");
        assertThat(report.errorCode()).isEqualTo(ErrorCode.MIGRATION_FAILED.name());
        assertThat(report.error()).contains("SQLSTATE 42601", "TABLEX", "changelog.sql::2::test", "rolled back");
        assertThat(db.tableExists("kept")).isTrue();
        assertThat(db.tableExists("half_done")).as("statements before the error are rolled back").isFalse();
        assertThat(db.value("SELECT count(*) FROM kept")).isEqualTo("0");
        assertThat(history(db)).containsExactly("1");
        assertThatThrownBy(() -> engine(db, dir.resolve("changelog.sql")).migrate(MigrationListener.NONE))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.statement()).isEqualTo("CREATE TABLEX broken (id int)");
                    assertThat(e.sqlState()).isEqualTo("42601");
                    assertThat(e.transactional()).isTrue();
                });
    }

    @Test
    void appliesAnXmlChangelogFoundInItsDirectoryWithTheFilesItIncludes(TestDatabase db) {
        MigrationFiles.in(dir).add("db.changelog-master.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                            http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="widgets" author="test">
                        <comment>Widgets we sell</comment>
                        <createTable tableName="widgets">
                            <column name="id" type="bigint"/>
                        </createTable>
                    </changeSet>
                    <include file="more/gadgets.sql" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """).add("more/gadgets.sql", """
                --liquibase formatted sql
                --changeset test:gadgets
                CREATE TABLE gadgets (id bigint);
                """);

        MigrationReport report = new MigrateFixture().liquibase(db, dir);

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(report.migrations()).extracting(StepReport::description).containsExactly("Widgets we sell", "sql");
        assertThat(db.tableExists("widgets")).isTrue();
        assertThat(db.tableExists("gadgets")).isTrue();
        assertThat(engine(db, dir).status().entries())
                .extracting(MigrationEntry::id, MigrationEntry::script, MigrationEntry::state)
                .containsExactly(
                        tuple("db.changelog-master.xml::widgets::test", "db.changelog-master.xml", MigrationState.APPLIED),
                        tuple("more/gadgets.sql::gadgets::test", "more/gadgets.sql", MigrationState.APPLIED));
    }

    @Test
    void appliesAFormattedSqlChangelogGivenAsAFile(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("schema.sql", """
                --liquibase formatted sql
                --changeset test:sprockets
                CREATE TABLE sprockets (id bigint);
                --changeset test:sprocket-names runInTransaction:false
                ALTER TABLE sprockets ADD COLUMN name text;
                """);

        MigrationReport report = new MigrateFixture().liquibase(db, files.file("schema.sql"));

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(report.migrations()).hasSize(2);
        assertThat(db.columnExists("sprockets", "name")).isTrue();
        assertThat(history(db)).containsExactly("sprockets", "sprocket-names");
    }

    @Test
    void dryRunReturnsThePendingSqlAndAppliesNothing(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.yaml", changelog(
                sqlChangeSet("a", "CREATE TABLE a (id int)")));

        MigrationReport first = dryRun(db);

        assertThat(first.outcome()).as(first.error()).isEqualTo("dry-run");
        assertThat(first.plan()).contains("CREATE TABLE a (id int);");
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.tableExists("databasechangelog")).as("no tracking table either").isFalse();
        assertThat(new MigrateFixture().liquibase(db, dir).outcome()).isEqualTo("succeeded");
        files.add("changelog.yaml", changelog(sqlChangeSet("a", "CREATE TABLE a (id int)"),
                sqlChangeSet("b", "CREATE TABLE b (id int)")));

        MigrationReport second = dryRun(db);

        assertThat(second.plan()).contains("CREATE TABLE b (id int);").doesNotContain("CREATE TABLE a (id int);");
        assertThat(second.plan()).filteredOn(l -> l.startsWith("-- Against:")).singleElement().asString()
                .doesNotContain("?");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(history(db)).containsExactly("a");
    }

    @Test
    void refusesAMissingLocationAndADirectoryWithoutAChangelog(TestDatabase db) {
        Path missing = dir.resolve("nowhere");
        Path empty = MigrationFiles.in(dir.resolve("empty")).add("notes.txt", "not a changelog").dir();

        assertThatThrownBy(() -> new MigrateFixture().liquibase(db, missing))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOCATION_INVALID);
                    assertThat(e.getMessage()).contains(missing.toString(), "does not exist", "--location");
                });
        assertThatThrownBy(() -> new MigrateFixture().liquibase(db, empty))
                .isInstanceOfSatisfying(SlipwayException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOCATION_INVALID);
                    assertThat(e.getMessage()).contains(empty.toString(), "changelog.yaml", "db.changelog-master.xml",
                            "--location");
                });
    }

    private MigrationReport dryRun(TestDatabase db) {
        return new MigrateFixture().run(new MigrateRequest(db.spec(), EngineKind.LIQUIBASE, dir, FAST, true, null, null));
    }

    private static LiquibaseEngine engine(TestDatabase db, Path location) {
        return new LiquibaseEngine(db.spec().dataSource("liquibase-it", null), location, new RowCounter());
    }

    /** The ids in DATABASECHANGELOG, in the order they ran. */
    private static List<String> history(TestDatabase db) {
        return db.column("SELECT id FROM databasechangelog ORDER BY orderexecuted");
    }

    private static String changelog(String... changeSets) {
        return "databaseChangeLog:\n" + String.join("", changeSets);
    }

    /** A YAML changeset by author {@code test} with one {@code sql} change. */
    private static String sqlChangeSet(String id, String sql) {
        String body = Arrays.stream(sql.split("\n")).map(l -> "              " + l).collect(Collectors.joining("\n"));
        return "  - changeSet:\n      id: " + id + "\n      author: test\n      changes:\n        - sql:\n"
                + "            sql: |\n" + body + "\n";
    }

    private static String runOnChange(String changeSet) {
        return changeSet.replace("author: test\n", "author: test\n      runOnChange: true\n");
    }

    private static <T> T capturingStdout(ByteArrayOutputStream into, java.util.function.Supplier<T> action) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(into, true, UTF_8));
        try {
            return action.get();
        } finally {
            System.setOut(original);
        }
    }
}
