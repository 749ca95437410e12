package dev.slipway.lint.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.SessionTimeouts;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintMigration;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.LockMode;
import dev.slipway.lint.MigrationSources;
import dev.slipway.lint.MigrationTrace.ObservedLock;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.TraceThresholds;
import dev.slipway.migrate.EngineKind;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The traced run against a real PostgreSQL: what it measures on the copy, and that the target stays untouched. */
@ExtendWith(PostgresExtension.class)
class TracedRunIT {

    private static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(2));
    private static final LintSettings EVERYTHING = new LintSettings(Map.of(), LintSettings.DEFAULT_MAX_FILE_BYTES,
            new TraceThresholds(0, Duration.ZERO, 0));

    @TempDir
    Path dir;

    private static void shop(TestDatabase db) {
        db.execute("CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL)",
                "INSERT INTO orders SELECT g, g % 1000 FROM generate_series(1, 200000) g",
                "CREATE TABLE audit (id bigserial PRIMARY KEY, note text)",
                "CREATE FUNCTION audit_orders() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        + "INSERT INTO audit (note) VALUES ('order ' || NEW.id); RETURN NEW; END $$",
                "CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit_orders()");
    }

    private List<LintMigration> migrations(MigrationFiles files) {
        return new MigrationSources(dir, LintSettings.DEFAULT_MAX_FILE_BYTES).find(EngineKind.FLYWAY, files.dir(), id -> true);
    }

    @Test
    void measuresLocksRewritesAndRowsOnACopyAndLeavesTheTargetUntouched(TestDatabase db) {
        shop(db);
        MigrationFiles files = MigrationFiles.in(dir)
                .add("V2__widen.sql", "ALTER TABLE orders ALTER COLUMN total TYPE bigint;")
                .add("V3__index.sql", "CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);")
                .add("V4__touch.sql", "UPDATE orders SET total = total + 1 WHERE id <= 10;");

        TracedRun.Result result = new TracedRun(db.spec(), TIMEOUTS, EVERYTHING).run(migrations(files));

        MigrationTrace widen = result.traces().get(0);
        assertThat(widen.transactional()).isTrue();
        assertThat(widen.locks()).first().satisfies(l -> {
            assertThat(l.table()).isEqualTo("public.orders");
            assertThat(l.mode()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
            assertThat(l.tableBytes()).isGreaterThan(4_000_000);
            assertThat(l.line()).isEqualTo(1);
        });
        assertThat(widen.rewrites()).extracting(MigrationTrace.TableRewrite::table).containsExactly("public.orders");

        MigrationTrace index = result.traces().get(1);
        assertThat(index.transactional()).isFalse();
        assertThat(index.notes()).anySatisfy(n -> assertThat(n).contains("sampled every"));
        assertThat(index.locks()).extracting(ObservedLock::table, ObservedLock::mode)
                .contains(org.assertj.core.groups.Tuple.tuple("public.orders", LockMode.SHARE_UPDATE_EXCLUSIVE));
        assertThat(index.rewrites()).isEmpty();

        MigrationTrace touch = result.traces().get(2);
        assertThat(touch.rows()).isEqualTo(10);
        assertThat(touch.locks()).extracting(ObservedLock::table, ObservedLock::mode).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("public.orders", LockMode.ROW_EXCLUSIVE),
                org.assertj.core.groups.Tuple.tuple("public.audit", LockMode.ROW_EXCLUSIVE));

        assertThat(result.findings()).extracting(Finding::rule, Finding::file, Finding::line).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("trace-long-exclusive-lock", "V2__widen.sql", 1),
                org.assertj.core.groups.Tuple.tuple("trace-table-rewrite", "V2__widen.sql", 1),
                org.assertj.core.groups.Tuple.tuple("trace-unpredicted-lock", "V4__touch.sql", 1));
        assertThat(result.findings()).filteredOn(f -> f.rule().equals("trace-unpredicted-lock")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("public.audit was locked ROW EXCLUSIVE", "no lock on it"));

        assertThat(db.value("SELECT data_type FROM information_schema.columns WHERE table_name = 'orders' "
                + "AND column_name = 'total'")).isEqualTo("integer");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_total_idx'")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM audit")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE 'slipway_trace_%'")).isEqualTo("0");
    }

    @Test
    void defaultThresholdsStayQuietOnSmallTablesAndAConstantDefaultRewritesNothing(TestDatabase db) {
        db.execute("CREATE TABLE customers (id int PRIMARY KEY)", "INSERT INTO customers SELECT generate_series(1, 1000)");
        MigrationFiles files = MigrationFiles.in(dir)
                .add("V2__status.sql", "ALTER TABLE customers ADD COLUMN status text NOT NULL DEFAULT 'active';");

        TracedRun.Result result = new TracedRun(db.spec(), TIMEOUTS, LintSettings.DEFAULT).run(migrations(files));

        assertThat(result.findings()).isEmpty();
        assertThat(result.traces().get(0).locks()).extracting(ObservedLock::mode).containsExactly(LockMode.ACCESS_EXCLUSIVE);
        assertThat(result.traces().get(0).rewrites()).isEmpty();
    }

    @Test
    void theStaticVerdictsOnTimeZonesAndDefaultsMatchTheRewritesPostgresqlDoes(TestDatabase db) {
        db.execute("CREATE TABLE posts (id bigint PRIMARY KEY, published timestamp NOT NULL)",
                "INSERT INTO posts SELECT g, now() FROM generate_series(1, 20000) g");
        MigrationFiles files = MigrationFiles.in(dir)
                .add("V2__utc.sql", "SET LOCAL timezone = 'UTC';\nALTER TABLE posts ALTER COLUMN published TYPE timestamptz USING published;")
                .add("V3__offset.sql", "SET LOCAL TIME ZONE -5;\nALTER TABLE posts ALTER COLUMN published TYPE timestamp;")
                .add("V4__own_function.sql", "CREATE FUNCTION post_code() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'p'; END $$;\n"
                        + "ALTER TABLE posts ADD COLUMN code text DEFAULT post_code();")
                .add("V5__stable.sql", "ALTER TABLE posts ADD COLUMN seen timestamptz DEFAULT now();");

        TracedRun.Result result = new TracedRun(db.spec(), TIMEOUTS, EVERYTHING).run(migrations(files));
        List<Finding> statics = new dev.slipway.lint.Linter(dev.slipway.lint.rules.Rules.all(), LintSettings.DEFAULT)
                .lint(migrations(files)).findings();

        assertThat(result.traces()).extracting(t -> !t.rewrites().isEmpty()).containsExactly(false, true, true, false);
        assertThat(statics).filteredOn(f -> f.severity() == dev.slipway.lint.Severity.ERROR)
                .extracting(Finding::file, Finding::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V3__offset.sql", "alter-column-type"),
                org.assertj.core.groups.Tuple.tuple("V4__own_function.sql", "add-column-volatile-default"));
    }

    @Test
    void aMigrationThatFailsOnTheDataIsAFindingAndLaterOnesAreNotTraced(TestDatabase db) {
        shop(db);
        MigrationFiles files = MigrationFiles.in(dir)
                .add("V2__positive.sql", "ALTER TABLE orders ADD COLUMN note text;\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);")
                .add("V3__next.sql", "ALTER TABLE orders ADD COLUMN other text;");

        TracedRun.Result result = new TracedRun(db.spec(), TIMEOUTS, LintSettings.DEFAULT).run(migrations(files));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("trace-migration-failed");
            assertThat(f.line()).isEqualTo(2);
            assertThat(f.message()).contains("SQLSTATE 23514", "orders_total_positive");
        });
        assertThat(result.traces().get(0).notes()).anySatisfy(n -> assertThat(n).contains("rolled back"));
        assertThat(result.traces().get(1).notes()).containsExactly("not traced: it comes after V2__positive.sql, which failed");
    }

    @Test
    void refusesToCopyADatabaseOtherSessionsUse(TestDatabase db) throws Exception {
        MigrationFiles files = MigrationFiles.in(dir).add("V2__t.sql", "CREATE TABLE t (id int);");
        try (Connection busy = db.spec().open("payments-api", null)) {
            assertThatThrownBy(() -> new TracedRun(db.spec(), TIMEOUTS, LintSettings.DEFAULT).run(migrations(files)))
                    .isInstanceOf(SlipwayException.class)
                    .hasMessageContaining("cannot copy database " + db.name())
                    .hasMessageContaining("other sessions are connected to it")
                    .hasMessageContaining("application 'payments-api'")
                    .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.SCRATCH_COPY_FAILED);
        }
        assertThat(db.value("SELECT count(*) FROM pg_database WHERE datname LIKE 'slipway_trace_%'")).isEqualTo("0");
    }
}
