package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.db.SessionTimeouts;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.MigrationSources;
import dev.slipway.lint.trace.TracedRun;
import dev.slipway.migrate.EngineKind;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key queries from the source's pg_stat_statements, kept in the golden by {@code mask --key-queries} and explained by
 * the traced lint on a copy of it, on a real PostgreSQL that preloads the extension.
 */
@ExtendWith(PostgresExtension.class)
class KeyQueryCaptureIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    @Test
    void theSourcesBusiestStatementsGoIntoTheGoldenAsTextsOnlyAndTheTracedRunExplainsThem(TestDatabase source,
                                                                                         TestDatabase golden)
            throws Exception {
        ShopFixture.createShop(source);
        source.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", "SELECT pg_stat_statements_reset()");
        String email = source.value("SELECT email FROM customers WHERE id = 7");
        for (int i = 0; i < 20; i++) {
            source.execute("SELECT count(*) FROM orders WHERE customer_email = '" + email + "'",
                    "SELECT id, full_name FROM customers WHERE email = '" + email + "'", "SET search_path = public");
        }

        int code = shop.mask(source, golden, ShopFixture.rules(dir, ShopFixture.RULES), "--key-queries", "10");

        assertThat(code).as(shop.out + shop.err).isZero();
        assertThat(shop.err).contains("key queries from pg_stat_statements (statement texts only)");
        List<String> kept = golden.column("SELECT query FROM slipway.key_queries ORDER BY query");
        assertThat(kept).contains("SELECT count(*) FROM orders WHERE customer_email = $1",
                "SELECT id, full_name FROM customers WHERE email = $1");
        assertThat(String.join("\n", kept)).doesNotContain(email).doesNotContainIgnoringCase("search_path")
                .doesNotContain("pg_stat_statements").doesNotContain("slipway.");
        assertThat(golden.column("SELECT name FROM slipway.key_queries")).allMatch(n -> n.matches("pgss--?\\d+"));

        MigrationFiles files = MigrationFiles.in(dir.resolve("m")).add("V9__drop_email_index.sql",
                "DROP INDEX orders_customer_email_idx;");
        List<LintMigration> migrations = new MigrationSources(dir, LintSettings.DEFAULT_MAX_FILE_BYTES)
                .find(EngineKind.FLYWAY, files.dir(), id -> true);
        TracedRun.Result traced = new TracedRun(golden.spec(), new SessionTimeouts(Duration.ofSeconds(5),
                Duration.ofMinutes(1)), LintSettings.DEFAULT).run(migrations);

        assertThat(traced.plans()).extracting(p -> p.file()).containsOnly("slipway.key_queries (pg_stat_statements)");
        assertThat(traced.findings()).filteredOn(f -> f.rule().equals("plan-regression")).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).matches("key query pgss--?\\d+ \\(from pg_stat_statements\\) plans worse "
                            + "after the migrations: .*orders_customer_email_idx.*→ Seq Scan on orders.*");
                    assertThat(f.file()).endsWith("V9__drop_email_index.sql");
                    assertThat(f.statement()).isEqualTo("SELECT count(*) FROM orders WHERE customer_email = $1");
                });
    }

    @Test
    void aSourceWithoutTheExtensionIsRefusedBeforeAnythingIsCopied(TestDatabase source, TestDatabase golden)
            throws Exception {
        ShopFixture.createShop(source);

        int code = shop.mask(source, golden, ShopFixture.rules(dir, ShopFixture.RULES), "--key-queries", "10");

        assertThat(code).isEqualTo(2);
        assertThat(shop.err).contains("pg_stat_statements is not installed in", "shared_preload_libraries",
                "CREATE EXTENSION pg_stat_statements", "leave --key-queries out");
        assertThat(golden.value("SELECT to_regclass('slipway.golden') IS NULL")).as("the target was not touched")
                .isEqualTo("t");
    }

    @Test
    void aCountOutOfRangeIsRefused(TestDatabase source, TestDatabase golden) throws Exception {
        ShopFixture.createShop(source);

        int code = shop.mask(source, golden, ShopFixture.rules(dir, ShopFixture.RULES), "--key-queries", "5000");

        assertThat(code).isEqualTo(2);
        assertThat(shop.err).contains("--key-queries must be between 1 and 200, not 5000");
    }
}
