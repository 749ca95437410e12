package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.ErrorCode;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway status --exit-code} on a real database: 0 up to date, 1 pending, 6 when migrate would refuse the
 * history (edited, missing, failed, out of order), with the reason on stderr and, with --json, in the error document.
 */
@ExtendWith(PostgresExtension.class)
class StatusExitCodeIT extends CliHarness {

    @TempDir
    Path dir;

    private MigrationFiles files;

    private int status(TestDatabase db, String... more) {
        List<String> args = new ArrayList<>(List.of("status", "--url", db.url(), "--user", db.user(), "--engine",
                "flyway", "--location", files.dir().toString()));
        args.addAll(List.of(more));
        return slipway(args.toArray(String[]::new));
    }

    private void migrated(TestDatabase db) {
        files = MigrationFiles.copyOf("migrations/flyway", dir.resolve("m"));
        assertThat(slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location",
                files.dir().toString())).as(out + err).isZero();
    }

    @Test
    void upToDateIsZeroAndPendingIsOneOnlyWhenAsked(TestDatabase db) {
        migrated(db);
        assertThat(status(db, "--exit-code")).as(err).isZero();
        assertThat(err).isEmpty();

        files.add("V5__add_notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY);\n");
        assertThat(status(db)).isZero();
        assertThat(status(db, "--exit-code")).isEqualTo(1);
        assertThat(out).contains("pending        V5__add_notes.sql");
        assertThat(err).contains("1 migration is pending", "slipway migrate applies it");
    }

    @Test
    void editedAppliedMigrationIsSixWithTheReasonMigrateWouldGive(TestDatabase db) throws IOException {
        migrated(db);
        files.add("V1__create_customers.sql", "CREATE TABLE customers (id bigint PRIMARY KEY);\n");
        files.add("V5__add_notes.sql", "CREATE TABLE notes (id bigint PRIMARY KEY);\n");

        assertThat(status(db, "--exit-code")).isEqualTo(6);
        assertThat(err).contains("edited since they ran", "V1__create_customers.sql", "stored checksum");

        int code = status(db, "--exit-code", "--json");
        JsonNode error = JsonErrorTest.errorDocument(out, code, ErrorCode.CHECKSUM_DRIFT);
        assertThat(error.get("subject").asText()).isEqualTo(db.url());
        JsonNode doc = Json.MAPPER.readTree(out);
        assertThat(doc.get("counts").get("CHECKSUM_DRIFT").asInt()).isEqualTo(1);
        assertThat(doc.get("counts").get("PENDING").asInt()).isEqualTo(1);
    }

    @Test
    void missingMigrationIsSix(TestDatabase db) {
        migrated(db);
        files.delete("V4__add_customers_status.sql");

        assertThat(status(db, "--exit-code")).isEqualTo(6);
        assertThat(err).contains("missing from the location", "V4__add_customers_status.sql");
    }

    @Test
    void outOfOrderIsSixUnlessAllowedThenItIsPending(TestDatabase db) throws IOException {
        migrated(db);
        files.add("V2_5__late.sql", "CREATE TABLE late (id bigint PRIMARY KEY);\n");

        assertThat(status(db, "--exit-code")).isEqualTo(6);
        assertThat(err).contains("older than the newest applied one", "V2_5__late.sql");

        Path config = Files.writeString(dir.resolve("slipway.yaml"), "defaults:\n  outOfOrder: true\n");
        assertThat(status(db, "--exit-code", "--config", config.toString())).isEqualTo(1);
        assertThat(err).contains("1 migration is pending");
    }

    @Test
    void aPartlyCommittedFailedMigrationIsSix(TestDatabase db) {
        migrated(db);
        files.add("V5__self_committing.sql", "BEGIN;\nCREATE TABLE kept (id bigint PRIMARY KEY);\nCOMMIT;\n"
                + "CREATE TABLE broken (id bigint PRIMARY KEY, id bigint);\n");
        assertThat(slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location",
                files.dir().toString())).as(out + err).isEqualTo(4);

        assertThat(status(db, "--exit-code")).isEqualTo(6);
        assertThat(err).contains("V5__self_committing.sql");
    }
}
