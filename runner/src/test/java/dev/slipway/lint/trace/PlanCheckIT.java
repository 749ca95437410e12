package dev.slipway.lint.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.db.SessionTimeouts;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.MigrationSources;
import dev.slipway.lint.Severity;
import dev.slipway.lint.plan.QueriesFile;
import dev.slipway.lint.plan.QueryPlans;
import dev.slipway.migrate.EngineKind;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan checks on a real PostgreSQL (15, and 18 in the pg18 run): key queries explained on the traced run's copy
 * before and after the migrations, with generic plans for parameters on servers with and without GENERIC_PLAN.
 */
@ExtendWith(PostgresExtension.class)
class PlanCheckIT {

    private static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(2));

    @TempDir
    Path dir;

    private Path queries;

    @BeforeEach
    void keyQueries() throws IOException {
        queries = dir.resolve("queries.sql");
        Files.writeString(queries, """
                -- name: orders_of_customer
                SELECT id, amount FROM orders WHERE customer_id = 42;

                -- name: orders_of_customer_param
                SELECT id, amount FROM orders WHERE customer_id = $1;

                -- name: orders_at_amount
                SELECT id FROM orders WHERE amount = 5.00;
                """);
    }

    private static void orders(TestDatabase db) {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, amount numeric(10,2) NOT NULL)",
                "INSERT INTO orders SELECT g, g % 50000, g % 1000 FROM generate_series(1, 100000) g",
                "CREATE INDEX orders_customer_idx ON orders (customer_id)",
                "CREATE INDEX orders_amount_idx ON orders (amount)",
                "ANALYZE orders");
    }

    private TracedRun.Result trace(TestDatabase db, MigrationFiles files) {
        List<LintMigration> migrations = new MigrationSources(dir, LintSettings.DEFAULT_MAX_FILE_BYTES)
                .find(EngineKind.FLYWAY, files.dir(), id -> true);
        return new TracedRun(db.spec(), TIMEOUTS, LintSettings.DEFAULT.withQueries(QueriesFile.of(queries)))
                .run(migrations);
    }

    private static List<Finding> planFindings(TracedRun.Result result) {
        return result.findings().stream().filter(f -> f.rule().startsWith("plan-")).toList();
    }

    private static QueryPlans plans(TracedRun.Result result, String query) {
        return result.plans().stream().filter(p -> p.query().equals(query)).findFirst().orElseThrow();
    }

    @Test
    void aHarmlessAddedColumnChangesNoPlanAndParametersGetAGenericPlan(TestDatabase db) {
        orders(db);
        MigrationFiles files = MigrationFiles.in(dir.resolve("m")).add("V2__status.sql",
                "ALTER TABLE orders ADD COLUMN status text;");

        TracedRun.Result result = trace(db, files);

        assertThat(planFindings(result)).isEmpty();
        assertThat(result.plans()).hasSize(3).allSatisfy(p -> {
            assertThat(p.regressed()).isFalse();
            assertThat(p.before()).isNotNull();
            assertThat(p.after()).isNotNull();
            assertThat(p.change()).endsWith("(1.0×)");
        });
        QueryPlans param = plans(result, "orders_of_customer_param");
        assertThat(param.before().toString()).contains("orders_customer_idx", "$1");
    }

    @Test
    void aDroppedIndexTheQueriesUseIsARegressionNamingIt(TestDatabase db) {
        orders(db);
        MigrationFiles files = MigrationFiles.in(dir.resolve("m")).add("V2__drop_index.sql",
                "DROP INDEX orders_customer_idx;");

        TracedRun.Result result = trace(db, files);

        assertThat(planFindings(result)).extracting(Finding::rule, Finding::line, Finding::migration).containsExactly(
                org.assertj.core.groups.Tuple.tuple("plan-regression", 1, "V2__drop_index.sql"),
                org.assertj.core.groups.Tuple.tuple("plan-regression", 4, "V2__drop_index.sql"));
        assertThat(planFindings(result)).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.file()).endsWith("queries.sql");
            assertThat(f.message()).contains("using orders_customer_idx on orders → Seq Scan on orders; cost ");
        });
        assertThat(planFindings(result).get(0).message()).startsWith("key query orders_of_customer plans worse after "
                + "the migrations: Index Scan using orders_customer_idx on orders → Seq Scan on orders");
        assertThat(plans(result, "orders_at_amount").regressed()).isFalse();
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_customer_idx'")).isEqualTo("1");
    }

    @Test
    void aChangedColumnTypeTheQueriesCannotCompareWithMeansTheyNoLongerPlan(TestDatabase db) {
        orders(db);
        MigrationFiles files = MigrationFiles.in(dir.resolve("m"))
                .add("V2__customer_text.sql", "ALTER TABLE orders ALTER COLUMN customer_id TYPE text;");

        TracedRun.Result result = trace(db, files);

        assertThat(planFindings(result)).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).isEqualTo("key query orders_of_customer no longer plans after the migrations: "
                        + "operator does not exist: text = integer (SQLSTATE 42883)"),
                // $1 is a text now: the rebuilt index still serves it, but the type change dropped the column's
                // statistics, so the estimate is many times the old one: the cost ratio alone makes it a regression
                m -> assertThat(m).startsWith("key query orders_of_customer_param plans worse after the migrations: "
                        + "cost ").endsWith("×)").doesNotContain("Seq Scan"));
        assertThat(plans(result, "orders_of_customer").afterError()).contains("text = integer");
        assertThat(plans(result, "orders_at_amount").regressed()).isFalse();
    }

    @Test
    void anIndexDisabledByATypeChangeIsNamedWithTheSequentialScan(TestDatabase db) {
        orders(db);
        MigrationFiles files = MigrationFiles.in(dir.resolve("m"))
                .add("V2__amount_int.sql", "ALTER TABLE orders ALTER COLUMN amount TYPE integer;");

        TracedRun.Result result = trace(db, files);

        assertThat(planFindings(result)).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(7);
            assertThat(f.message()).startsWith("key query orders_at_amount plans worse after the migrations: "
                    + "Bitmap Heap Scan using orders_amount_idx on orders → Seq Scan on orders; cost ");
        });
        assertThat(plans(result, "orders_at_amount").after().toString()).contains("Seq Scan");
    }

    @Test
    void aQueryThatDoesNotPlanBeforeIsReportedOnceAndNotAsARegression(TestDatabase db) throws IOException {
        orders(db);
        Files.writeString(queries, "-- name: broken\nSELECT missing FROM orders;\n", java.nio.file.StandardOpenOption.APPEND);
        MigrationFiles files = MigrationFiles.in(dir.resolve("m")).add("V2__drop_index.sql",
                "DROP INDEX orders_amount_idx;");

        TracedRun.Result result = trace(db, files);

        assertThat(planFindings(result)).extracting(Finding::rule, Finding::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("plan-regression", 7),
                org.assertj.core.groups.Tuple.tuple("plan-query-skipped", 9));
        assertThat(planFindings(result)).filteredOn(f -> f.rule().equals("plan-query-skipped")).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("key query broken was not checked: it does not plan "
                        + "before the migrations: column \"missing\" does not exist (SQLSTATE 42703)"));
        assertThat(plans(result, "broken").beforeError()).contains("missing");
        assertThat(plans(result, "broken").regressed()).isFalse();
    }
}
