package dev.slipway.migrate;

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
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Forward-only: what Flyway runs refuse when the location and the database history disagree. */
@ExtendWith(PostgresExtension.class)
class FlywayHistoryIT {

    @TempDir
    Path dir;

    @Test
    void refusesEditedAppliedMigration(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__accounts.sql", "CREATE TABLE accounts (id int);");
        applied(db);
        String stored = db.value("SELECT checksum FROM flyway_schema_history WHERE version = '1'");
        files.add("V1__accounts.sql", "CREATE TABLE accounts (id bigint);")
                .add("V2__notes.sql", "CREATE TABLE notes (id int);");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.outcome()).isEqualTo("refused");
        assertThat(report.errorCode()).isEqualTo("CHECKSUM_DRIFT");
        assertThat(report.exitCode()).isEqualTo(6);
        assertThat(report.error()).contains("V1__accounts.sql", "stored checksum " + stored)
                .containsPattern("current checksum -?\\d+").doesNotContain("current checksum " + stored + "\n");
        assertThat(db.tableExists("notes")).as("the new pending migration was not applied").isFalse();
    }

    @Test
    void refusesADatabaseWithTablesButNoHistoryAndSaysHowToAdoptIt(TestDatabase db) {
        db.execute("CREATE TABLE accounts (id int)");
        MigrationFiles.in(dir).add("V1__accounts.sql", "CREATE TABLE accounts (id int);");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.errorCode()).as(report.error()).isEqualTo("BASELINE_REQUIRED");
        assertThat(report.exitCode()).isEqualTo(6);
        assertThat(report.error()).contains("no Flyway history", "baselineVersion", "--baseline-version");
        assertThat(db.tableExists("flyway_schema_history")).isFalse();
    }

    @Test
    void adoptsAnExistingDatabaseAtTheBaselineVersion(TestDatabase db) {
        db.execute("CREATE TABLE accounts (id int)", "CREATE TABLE notes (id int)");
        MigrationFiles.in(dir)
                .add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__notes.sql", "CREATE TABLE notes (id int);")
                .add("V3__tags.sql", "CREATE TABLE tags (id int);");

        MigrationReport report = new MigrateFixture().flyway(db, dir, FAST.withBaselineVersion("2"));

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(report.migrations()).extracting(StepReport::migration).containsExactly("V3__tags.sql");
        assertThat(db.column("SELECT version || ':' || type FROM flyway_schema_history ORDER BY installed_rank"))
                .containsExactly("2:BASELINE", "3:SQL");
    }

    @Test
    void refusesWhenTheNewestAppliedMigrationIsMissing(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir)
                .add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__notes.sql", "CREATE TABLE notes (id int);");
        applied(db);
        files.delete("V2__notes.sql");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.errorCode()).as(report.error()).isEqualTo("MISSING_MIGRATION");
        assertThat(report.error()).contains("V2__notes.sql").doesNotContain("V1__accounts.sql");
    }

    @Test
    void refusesWhenAnAppliedMigrationInTheMiddleIsMissing(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir)
                .add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__notes.sql", "CREATE TABLE notes (id int);")
                .add("V3__tags.sql", "CREATE TABLE tags (id int);");
        applied(db);
        files.delete("V2__notes.sql").add("V4__labels.sql", "CREATE TABLE labels (id int);");

        MigrationReport report = new MigrateFixture().flyway(db, dir);

        assertThat(report.errorCode()).as(report.error()).isEqualTo("MISSING_MIGRATION");
        assertThat(report.error()).contains("V2__notes.sql");
        assertThat(db.tableExists("labels")).isFalse();
    }

    @Test
    void refusesOutOfOrderMigrationUnlessAllowed(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir)
                .add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V3__tags.sql", "CREATE TABLE tags (id int);");
        applied(db);
        files.add("V2__notes.sql", "CREATE TABLE notes (id int);");

        MigrationReport refused = new MigrateFixture().flyway(db, dir);

        assertThat(refused.errorCode()).as(refused.error()).isEqualTo("OUT_OF_ORDER");
        assertThat(refused.error()).contains("V2__notes.sql", "outOfOrder");
        assertThat(db.tableExists("notes")).isFalse();

        MigrationReport allowed = new MigrateFixture().flyway(db, dir, FAST.withOutOfOrder(true));

        assertThat(allowed.outcome()).as(allowed.error()).isEqualTo("succeeded");
        assertThat(allowed.migrations()).extracting(StepReport::migration).containsExactly("V2__notes.sql");
        assertThat(db.tableExists("notes")).isTrue();
        assertThat(history(db)).containsExactly("1:true", "3:true", "2:true");
    }

    @Test
    void refusesUndoScriptsBeforeConnecting(TestDatabase db) throws IOException {
        MigrationFiles.in(dir)
                .add("V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("U1__accounts.sql", "DROP TABLE accounts;");
        ConnectionSpec nowhere = new ConnectionSpec("jdbc:postgresql://127.0.0.1:" + closedPort() + "/db", "u", null,
                Duration.ofSeconds(1));
        MigrateRequest request = new MigrateRequest(nowhere, EngineKind.FLYWAY, dir, FAST, false, null, null);

        assertThatThrownBy(() -> new MigrateFixture().run(request))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORWARD_ONLY))
                .hasMessageContaining("U1__accounts.sql").hasMessageContaining("forward-only");
    }

    @Test
    void flywayCleanIsDisabled(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", "CREATE TABLE accounts (id int);");
        applied(db);
        FlywayEngine engine = new FlywayEngine(db.spec().dataSource("test", null), dir, false, null, new RowCounter());

        Flyway sameConfiguration = Flyway.configure().configuration(engine.configuration()).load();

        assertThat(engine.configuration().isCleanDisabled()).isTrue();
        assertThatThrownBy(sameConfiguration::clean).isInstanceOf(FlywayException.class).hasMessageContaining("clean");
        assertThat(db.tableExists("accounts")).isTrue();
    }

    private void applied(TestDatabase db) {
        MigrationReport report = new MigrateFixture().flyway(db, dir);
        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
