package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: flags in, exit code and printed report out. */
@ExtendWith(PostgresExtension.class)
class CliIT extends CliHarness {

    @TempDir
    Path dir;


    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    private String shipped() {
        return RepoFolders.path("migrations/flyway").toString();
    }

    @Test
    void migratesThenReportsStatusAsJson(TestDatabase db) throws IOException {
        int code = slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", shipped(), "--json");

        assertThat(code).as(out + err).isZero();
        JsonNode report = json(out);
        assertThat(report.get("outcome").asText()).isEqualTo("succeeded");
        assertThat(report.get("migrations")).hasSize(4);

        assertThat(slipway("status", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", shipped(), "--json")).isZero();
        assertThat(json(out).get("counts").get("APPLIED").asInt()).isEqualTo(4);
    }

    @Test
    void printsOneLinePerMigrationAndASummary(TestDatabase db) {
        int code = slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", shipped(), "--lock-timeout", "1s");

        assertThat(code).as(err).isZero();
        assertThat(out).contains("lock_timeout 1s", "ok     V1__create_customers.sql", "V4__add_customers_status.sql",
                "succeeded: 4 migrations applied");
    }

    @Test
    void settingsComeFromSlipwayYamlAndEnvironmentVariables(TestDatabase db) throws IOException {
        Path config = Files.writeString(dir.resolve("slipway.yaml"), "migrations:\n  engine: flyway\n  location: "
                + shipped() + "\nenvironments:\n  ci:\n    url: " + db.url() + "\n    user: " + db.user() + "\n");
        env.put("SLIPWAY_CONFIG", config.toString());
        env.put("SLIPWAY_ENV", "ci");

        assertThat(slipway("migrate", "--json")).as(out + err).isZero();
        assertThat(db.value("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo("4");
    }

    @Test
    void dryRunListsPendingAndAppliesNothing(TestDatabase db) {
        int code = slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", shipped(), "--dry-run");

        assertThat(code).as(err).isZero();
        assertThat(out).contains("dry run: 4 pending", "V3__index_orders_customer_id.sql");
        assertThat(db.tableExists("customers")).isFalse();
    }

    @Test
    void wrongPasswordIsAConnectionErrorThatNeverShowsAPassword(TestDatabase db) {
        ConnectionSpec user = db.passwordUser("right-pw-123");
        env.put("APP_PW", "wrong-pw-456");

        int code = slipway("migrate", "--url", user.url(), "--user", user.user(), "--password-env", "APP_PW",
                "--engine", "flyway", "--location", shipped());

        assertThat(code).isEqualTo(3);
        assertThat(err).contains("cannot connect to", user.user(), "check the user and the password");
        assertThat(out + err).doesNotContain("right-pw-123", "wrong-pw-456");
    }

    @Test
    void passwordInTheUrlIsRedactedInEveryLine(TestDatabase db) {
        String url = db.url() + "?password=url-secret-789";

        int code = slipway("migrate", "--url", url, "--user", db.user(), "--engine", "flyway", "--location", shipped());

        assertThat(code).as(err).isZero();
        assertThat(out).contains("password=***").doesNotContain("url-secret-789");
        assertThat(db.column("SELECT target FROM slipway.runs")).allMatch(t -> !t.contains("url-secret-789"));
    }

    @Test
    void errorsArePrintedAsJsonWithTheirExitCode(TestDatabase db) throws IOException {
        int code = slipway("migrate", "--url", db.url(), "--engine", "flyway", "--location",
                dir.resolve("missing").toString(), "--json");

        assertThat(code).isEqualTo(2);
        JsonNode error = json(out).get("error");
        assertThat(error.get("code").asText()).isEqualTo("LOCATION_INVALID");
        assertThat(error.get("message").asText()).contains(dir.resolve("missing").toString(), "--location");
    }

    @Test
    void unknownEngineAndBadFlagsAreUsageErrors(TestDatabase db) {
        assertThat(slipway("migrate", "--url", db.url(), "--engine", "sqitch", "--location", shipped())).isEqualTo(2);
        assertThat(err).contains("engine 'sqitch' is unknown");
        assertThat(slipway("migrate", "--no-such-flag")).isEqualTo(2);
        assertThat(slipway("migrate", "--url", db.url(), "--engine", "flyway", "--location", shipped(),
                "--statement-timeout", "forever")).isEqualTo(2);
        assertThat(err).contains("--statement-timeout", "'forever' is not a duration");
    }

    @Test
    void malformedConfigFileNamesTheFileAndStopsBeforeConnecting() throws IOException {
        Path config = Files.writeString(dir.resolve("slipway.yaml"), "migrations:\n  engine: flyway\n  locaton: x\n");

        assertThat(slipway("status", "--config", config.toString())).isEqualTo(2);
        assertThat(err).contains(config.toString(), "unknown key 'migrations.locaton'");
    }

    @Test
    void rollbackCleanAndUndoAreRefused() {
        for (String command : List.of("rollback", "clean", "undo")) {
            assertThat(slipway(command)).as(command).isEqualTo(6);
            assertThat(err).contains("forward-only", "write a new migration");
        }
    }

    @Test
    void editedAppliedMigrationIsRefusedWithExitCodeSix(TestDatabase db) {
        MigrationFiles files = MigrationFiles.copyOf("migrations/flyway", dir);
        String location = files.dir().toString();
        assertThat(slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location", location)).isZero();
        files.add("V1__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);\n");

        assertThat(slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location", location)).isEqualTo(6);
        assertThat(out).contains("CHECKSUM_DRIFT", "V1__create_customers.sql", "stored checksum");
        assertThat(slipway("status", "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location", location)).isZero();
        assertThat(out).contains("checksum drift V1__create_customers.sql");
    }

    @Test
    void aFailedRunAndAnUnreachableDatabaseGiveTheSameJsonErrorShape(TestDatabase db) throws IOException {
        MigrationFiles files = MigrationFiles.copyOf("migrations/flyway", dir);
        String location = files.dir().toString();
        assertThat(slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location", location)).isZero();
        files.add("V1__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);\n");

        int refused = slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location",
                location, "--json");
        JsonNode error = JsonErrorTest.errorDocument(out, refused, dev.slipway.ErrorCode.CHECKSUM_DRIFT);
        assertThat(error.get("message").asText()).contains("V1__create_customers.sql", "stored checksum");
        assertThat(error.get("subject").asText()).isEqualTo(db.url());
        assertThat(json(out).get("outcome").asText()).as("the report's fields stay").isEqualTo("refused");

        String nowhere = "jdbc:postgresql://127.0.0.1:1/app";
        int unreachable = slipway("status", "--url", nowhere, "--engine", "flyway", "--location", location, "--json");
        // the code (CONNECTION_FAILED, 3) is the steps' business; the shape is the command line's
        assertThat(JsonErrorTest.errorDocument(out, unreachable, null).get("subject").asText()).isEqualTo(nowhere);
    }
}
