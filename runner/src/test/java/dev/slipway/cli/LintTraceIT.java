package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway lint --only-pending} and {@code --trace} against a real database, with the repository's migrations. */
@ExtendWith(PostgresExtension.class)
class LintTraceIT extends CliHarness {

    @TempDir
    Path dir;


    @Test
    void onlyPendingMigrationsAreLintedAndTraced(TestDatabase db) throws Exception {
        MigrationFiles files = MigrationFiles.copyOf("migrations/flyway", dir).delete("V4__add_customers_status.sql");
        assertThat(slipway("migrate", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", files.dir().toString())).as(out + err).isZero();
        files = MigrationFiles.copyOf("migrations/flyway", dir);

        assertThat(slipway("lint", "--only-pending", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", files.dir().toString())).as(out + err).isZero();
        assertThat(out).contains("0 errors, 0 warnings in 1 migration (1 statements");

        assertThat(slipway("lint", "--trace", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", files.dir().toString())).as(out + err).isZero();
        assertThat(out).contains("Traced run on a scratch copy of the database:", "V4__add_customers_status.sql",
                "ACCESS EXCLUSIVE", "public.customers", "one transaction");
        assertThat(out).doesNotContain("rewritten");
        assertThat(db.columnExists("customers", "status")).isFalse();
    }

    @Test
    void liquibaseChangesetsAreTracedWithTheSqlLiquibaseGenerates(TestDatabase db) throws Exception {
        assertThat(slipway("lint", "--trace", "--json", "--url", db.url(), "--user", db.user(), "--engine", "liquibase",
                "--location", RepoFolders.path("migrations/liquibase").toString())).as(out + err).isZero();
        JsonNode traces = Json.MAPPER.readTree(out).path("report").path("traces");
        assertThat(traces.size()).isEqualTo(4);
        assertThat(traces.get(2).path("migration").asText()).isEqualTo("3-index-orders-customer-id::slipway");
        assertThat(traces.get(2).path("transactional").asBoolean()).isFalse();
        assertThat(traces.get(3).path("locks").get(0).path("table").asText()).isEqualTo("public.customers");
        assertThat(traces.get(3).path("locks").get(0).path("mode").asText()).isEqualTo("ACCESS_EXCLUSIVE");
        assertThat(db.tableExists("customers")).isFalse();
    }
}
