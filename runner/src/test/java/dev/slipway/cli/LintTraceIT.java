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

    @Test
    void keyQueriesPlansAndTheirRegressionsAreInTheJsonReport(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, email text NOT NULL)",
                "INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, 20000) g",
                "CREATE INDEX accounts_email_idx ON accounts (email)", "ANALYZE accounts");
        MigrationFiles files = MigrationFiles.in(dir.resolve("m")).add("V1__drop.sql", "DROP INDEX accounts_email_idx;");
        Path queries = java.nio.file.Files.writeString(dir.resolve("keys.sql"),
                "-- name: account_by_email\nSELECT id FROM accounts WHERE email = $1;\n");

        assertThat(slipway("lint", "--trace", "--json", "--url", db.url(), "--user", db.user(), "--engine", "flyway",
                "--location", files.dir().toString(), "--queries", queries.toString())).as(out + err).isLessThan(2);

        JsonNode report = Json.MAPPER.readTree(out).path("report");
        JsonNode plans = report.path("plans").get(0);
        assertThat(plans.path("query").asText()).isEqualTo("account_by_email");
        assertThat(plans.path("regressed").asBoolean()).isTrue();
        assertThat(plans.path("before").path("Plan Rows").isMissingNode()).isFalse();
        assertThat(plans.path("after").path("Node Type").asText()).isEqualTo("Seq Scan");
        assertThat(report.path("findings")).filteredOn(f -> f.path("rule").asText().startsWith("plan-")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path("rule").asText()).isEqualTo("plan-regression");
                    assertThat(f.path("file").asText()).endsWith("keys.sql");
                    assertThat(f.path("message").asText()).contains("using accounts_email_idx on accounts → Seq Scan on accounts");
                });

        assertThat(slipway("lint", "--queries", queries.toString(), "--engine", "flyway", "--location",
                files.dir().toString())).isEqualTo(2);
        assertThat(err).contains("--queries explains the key queries in the traced run: add --trace");
    }
}
