package dev.slipway.migrate;

import static dev.slipway.migrate.FlywayLockSafetyIT.history;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.LockHolder;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migrations that commit their own transaction ({@code BEGIN; … COMMIT;}) and then fail: what ran up to the COMMIT
 * stays in the database, and the report, the history and the retries say so instead of claiming a rollback; the next
 * run is refused (exit 6) until someone repairs it, for Flyway and Liquibase alike.
 */
@ExtendWith(PostgresExtension.class)
class SelfCommittingMigrationIT {

    private static final String BACKFILL = """
            BEGIN;
            INSERT INTO accounts VALUES (1);
            COMMIT;
            INSERT INTO accounts VALUES (2);
            CREAT TABLE oops (id int);
            """;

    private static final String LIQUIBASE_BACKFILL = """
            --liquibase formatted sql

            --changeset test:1
            CREATE TABLE accounts (id int);

            --changeset test:2
            INSERT INTO accounts VALUES (1);
            COMMIT;
            INSERT INTO accounts VALUES (2);
            CREATE TABLEX broken (id int);
            """;

    @TempDir
    Path dir;

    @Test
    void aFlywayScriptThatCommittedBeforeFailingSaysWhatStayedAndIsRefusedUntilRepaired(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__backfill.sql", BACKFILL);

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.errorCode()).isEqualTo("MIGRATION_FAILED");
        assertThat(report.error()).contains("V2__backfill.sql:5", "SQLSTATE 42601",
                        "commits its own transaction (COMMIT at line 3)", "stays in the database",
                        "recorded it as failed in flyway_schema_history", "take the BEGIN/COMMIT out")
                .doesNotContain("as it was before");
        assertThat(db.column("SELECT id::text FROM accounts")).as("what the COMMIT committed").containsExactly("1");
        assertThat(history(db)).containsExactly("1:true", "2:false");

        MigrationReport again = new MigrateFixture().flyway(db, dir);

        assertThat(again.errorCode()).as(again.error()).isEqualTo("FAILED_MIGRATION_IN_HISTORY");
        assertThat(again.exitCode()).isEqualTo(6);
        assertThat(db.column("SELECT id::text FROM accounts")).as("nothing ran twice").containsExactly("1");

        db.execute("DELETE FROM flyway_schema_history WHERE NOT success");
        files.add("V2__backfill.sql", "INSERT INTO accounts VALUES (2);");
        assertThat(new MigrateFixture().flyway(db, dir).outcome()).as("repaired by hand").isEqualTo("succeeded");
        assertThat(db.column("SELECT id::text FROM accounts ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void aScriptThatFailsBeforeItsCommitWasRolledBackWhole(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__backfill.sql", "BEGIN;\nINSERT INTO accounts VALUES (1);\nCREAT TABLE oops (id int);\nCOMMIT;\n");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.error()).contains("V2__backfill.sql:3", "rolled back, so the database is as it was before");
        assertThat(db.column("SELECT id::text FROM accounts")).isEmpty();
        assertThat(history(db)).containsExactly("1:true");
    }

    @Test
    void aLockFailureAfterTheScriptsOwnCommitIsNotRetried(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", "CREATE TABLE accounts (id int);");
        assertThat(new MigrateFixture().flyway(db, dir).outcome()).isEqualTo("succeeded");
        MigrationFiles.in(dir).add("V2__backfill.sql", "BEGIN;\nINSERT INTO accounts VALUES (1);\nCOMMIT;\n"
                + "ALTER TABLE accounts ADD COLUMN note text;\n");

        try (LockHolder holder = LockHolder.open(db, "report-job").begin("LOCK TABLE accounts IN ACCESS SHARE MODE")) {
            MigrateFixture fx = new MigrateFixture();
            MigrationReport report = fx.flyway(db, dir);

            assertThat(report.errorCode()).isEqualTo("LOCK_TIMEOUT");
            assertThat(fx.retries).as("a retry would insert the committed row again").isEmpty();
            assertThat(report.error()).contains("committed part of its work itself, so it is not retried",
                    "COMMIT at line 3");
        }
        assertThat(db.column("SELECT id::text FROM accounts")).containsExactly("1");
    }

    @Test
    void aLiquibaseChangesetThatCommittedBeforeFailingIsRecordedAndRefusedOnTheNextRunUntilRepaired(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.sql", LIQUIBASE_BACKFILL);

        MigrationReport report = new MigrateFixture().liquibase(db, files.file("changelog.sql"));

        assertThat(report.errorCode()).isEqualTo("MIGRATION_FAILED");
        assertThat(report.error()).contains("changelog.sql::2::test", "commits its own transaction (COMMIT at "
                + "changelog.sql:8)", "stays in the database", "recorded it as FAILED in databasechangelog",
                "take the COMMIT out").doesNotContain("as it was before", "runs it again");
        assertThat(db.column("SELECT id::text FROM accounts")).as("what the COMMIT committed").containsExactly("1");
        assertThat(changelogRows(db)).containsExactly("1:EXECUTED", "2:FAILED");

        MigrationReport again = new MigrateFixture().liquibase(db, files.file("changelog.sql"));

        assertThat(again.errorCode()).as(again.error()).isEqualTo("FAILED_MIGRATION_IN_HISTORY");
        assertThat(again.exitCode()).isEqualTo(6);
        assertThat(again.error()).contains("changelog.sql::2::test: it committed part of its work (COMMIT at "
                        + "changelog.sql:8) before a later statement failed",
                "id = '2' AND author = 'test' AND filename = 'changelog.sql'", "undo by hand", "DELETE FROM "
                        + "databasechangelog", "finish its work by hand and mark it applied", "changelog-sync");
        assertThat(db.column("SELECT id::text FROM accounts")).as("nothing ran twice").containsExactly("1");

        db.execute("DELETE FROM accounts", "DELETE FROM databasechangelog WHERE exectype = 'FAILED' AND id = '2'");
        files.add("changelog.sql", LIQUIBASE_BACKFILL.replace("COMMIT;\n", "").replace("CREATE TABLEX", "CREATE TABLE"));
        MigrationReport repaired = new MigrateFixture().liquibase(db, files.file("changelog.sql"));
        assertThat(repaired.outcome()).as(repaired.error()).isEqualTo("succeeded");
        assertThat(db.column("SELECT id::text FROM accounts ORDER BY id")).containsExactly("1", "2");
    }

    @Test
    void aLiquibaseChangesetFinishedByHandIsMarkedAppliedAsTheRefusalSays(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.sql", LIQUIBASE_BACKFILL);
        assertThat(new MigrateFixture().liquibase(db, files.file("changelog.sql")).errorCode())
                .isEqualTo("MIGRATION_FAILED");

        db.execute("INSERT INTO accounts VALUES (2)", "CREATE TABLE broken (id int)",
                "UPDATE databasechangelog SET exectype = 'EXECUTED', md5sum = NULL WHERE exectype = 'FAILED' AND id = '2'");
        files.add("changelog.sql", LIQUIBASE_BACKFILL.replace("COMMIT;\n", "").replace("CREATE TABLEX", "CREATE TABLE"));
        MigrationReport repaired = new MigrateFixture().liquibase(db, files.file("changelog.sql"));

        assertThat(repaired.outcome()).as(repaired.error()).isEqualTo("succeeded");
        assertThat(repaired.migrations()).as("nothing left to run").isEmpty();
        assertThat(db.column("SELECT id::text FROM accounts ORDER BY id")).containsExactly("1", "2");
        assertThat(db.value("SELECT md5sum IS NOT NULL FROM databasechangelog WHERE id = '2'"))
                .as("Liquibase stored the edited changeset's checksum").isEqualTo("t");
    }

    @Test
    void aYamlChangesetNamesTheLineOfItsSqlThatCommitted(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: test
                      changes:
                        - sql:
                            sql: CREATE TABLE accounts (id int)
                  - changeSet:
                      id: 2
                      author: test
                      changes:
                        - sql:
                            sql: |
                              INSERT INTO accounts VALUES (1);
                              COMMIT;
                              CREATE TABLEX broken (id int);
                """);

        MigrationReport report = new MigrateFixture().liquibase(db, files.file("changelog.yaml"));
        assertThat(report.error()).contains("changelog.yaml::2::test", "COMMIT at line 2 of its sql change");

        MigrationReport again = new MigrateFixture().liquibase(db, files.file("changelog.yaml"));
        assertThat(again.exitCode()).as(again.error()).isEqualTo(6);
        assertThat(again.error()).contains("changelog.yaml::2::test: it committed part of its work (COMMIT at line 2"
                + " of its sql change)");
        assertThat(db.column("SELECT id::text FROM accounts")).containsExactly("1");
    }

    private static List<String> changelogRows(TestDatabase db) {
        return db.column("SELECT id || ':' || exectype FROM databasechangelog ORDER BY orderexecuted");
    }
}
