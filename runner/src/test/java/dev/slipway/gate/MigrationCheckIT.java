package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.audit.RunLog;
import dev.slipway.config.LintConfig;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionPool;
import dev.slipway.lint.LintSettings;
import dev.slipway.lint.Linter;
import dev.slipway.lint.rules.Rules;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import dev.slipway.config.FreezeWindow;
import dev.slipway.config.GateConfig;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.LintStep;
import dev.slipway.serve.PreviewBuilder;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration health against real PostgreSQL: the environment's database, a preview database migrated the way serve
 * migrates previews (recorded in the audit log with the commit), and Slipway's state database.
 */
@ExtendWith(PostgresExtension.class)
class MigrationCheckIT {

    private static final String SHA = "4f1c2a9e0b7d";
    private static final String NOTE = "-- A nullable column: no rewrite, no long lock.\nALTER TABLE orders ADD COLUMN note text;\n";

    @TempDir
    Path dir;

    private final GateEvaluator evaluator = new GateEvaluator(2, Clock.systemUTC());
    private ConnectionPool pool;

    @AfterEach
    void close() {
        evaluator.close();
        if (pool != null) {
            pool.close();
        }
    }

    private MigrationFiles shippedMigrationsAppliedTo(TestDatabase target) {
        MigrationFiles files = MigrationFiles.copyOf("migrations/flyway", dir.resolve("m"));
        migrate(target, null, null);
        return files;
    }

    private MigrationReport migrate(TestDatabase db, TestDatabase state, String commit) {
        return new MigrateStep(new MigrateRequest(db.spec(), EngineKind.FLYWAY, dir.resolve("m"), MigrationSettings.DEFAULT,
                false, state == null ? null : state.spec(), commit), RunProgress.NONE).call();
    }

    /** What serve does for a pull request: a preview build row, then the migrations applied to the preview. */
    private void buildPreview(TestDatabase preview, TestDatabase state) {
        RunLog.ensureSchema(state.spec());
        state.execute("INSERT INTO slipway.preview_runs (id, repo, pr_id, head_sha, preview, reason, owner, state, "
                + "started_at) VALUES (gen_random_uuid(), 'acme/shop', '7', '" + SHA + "', '" + preview.name()
                + "', 'create', 'it', 'succeeded', now())");
        assertThat(migrate(preview, state, SHA).succeeded()).isTrue();
    }

    /**
     * What serve does for a pull request with {@code previews.trace: true}: the pending migrations traced on a copy of
     * the preview (which holds {@code orders} rows), the build's detail kept with its row, the migrations applied.
     */
    private void buildTracedPreview(TestDatabase preview, TestDatabase state) {
        RunLog.ensureSchema(state.spec());
        preview.execute("INSERT INTO customers (email, full_name) VALUES ('a@example.com', 'A')");
        preview.execute("INSERT INTO orders (customer_id, total) SELECT 1, g FROM generate_series(1, 5000) g");
        LintReport lint = new LintStep(new LintStep.Request(EngineKind.FLYWAY, dir.resolve("m"), lintSettings(),
                preview.spec(), MigrationSettings.DEFAULT, true, true, dir)).call();
        assertThat(lint.traces()).as("the traced run measured the pending migration").hasSize(1);
        MigrationReport applied = migrate(preview, state, SHA);
        assertThat(applied.succeeded()).isTrue();
        state.execute("INSERT INTO slipway.preview_runs (id, repo, pr_id, head_sha, preview, reason, owner, state, "
                + "started_at, finished_at, detail) VALUES (gen_random_uuid(), 'acme/shop', '7', '" + SHA + "', '"
                + preview.name() + "', 'create', 'it', 'succeeded', now(), now(), '"
                + PreviewBuilder.detail(lint, applied).replace("'", "''") + "'::jsonb)");
    }

    private static LintSettings lintSettings() {
        return LintSettings.from(LintConfig.DEFAULT, null, Linter.ids(Rules.all()));
    }

    private Verdict gate(TestDatabase target, TestDatabase state) {
        return gate(target, state, null, Clock.systemUTC());
    }

    private Verdict gate(TestDatabase target, TestDatabase state, GateConfig.Heavy heavy, Clock clock) {
        RunLog.ensureSchema(state.spec());
        if (pool == null) {
            pool = new ConnectionPool(state.spec(), "slipway-test", 2);
        }
        MigrationCheck check = new MigrationCheck(new MigrationCheck.Source(target.spec(), EngineKind.FLYWAY,
                dir.resolve("m"), MigrationSettings.DEFAULT, lintSettings()), new PreviewEvidence(pool), heavy, clock);
        return evaluator.evaluate(new GateEvaluator.Plan("prod", List.of(check), Duration.ofSeconds(60), false), SHA)
                .verdict();
    }

    /** Nights from 01:00 to 05:00 UTC; a rewrite of any size is heavy, no lock is held long enough to be. */
    private static final GateConfig.Heavy REWRITES_AT_NIGHT = new GateConfig.Heavy(Duration.ofMinutes(1), 0,
            List.of(new FreezeWindow.Weekly("night", ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class),
                    LocalTime.parse("01:00"), LocalTime.parse("05:00"))));
    private static final Clock AFTERNOON = Clock.fixed(Instant.parse("2026-12-07T14:00:00Z"), ZoneOffset.UTC);
    private static final Clock NIGHT = Clock.fixed(Instant.parse("2026-12-08T02:00:00Z"), ZoneOffset.UTC);
    private static final String RETYPE = "-- slipway:allow alter-column-type reason: promoted in a performance window\n"
            + "ALTER TABLE orders ALTER COLUMN total TYPE double precision;\n";

    @Test
    void aMigrationThatRewroteATableOnItsPreviewWaitsForAPerformanceWindow(TestDatabase target, TestDatabase preview,
                                                                           TestDatabase state) {
        MigrationFiles files = shippedMigrationsAppliedTo(target);
        migrate(preview, null, null);
        files.add("V5__retype_order_total.sql", RETYPE);
        buildTracedPreview(preview, state);

        Verdict afternoon = gate(target, state, REWRITES_AT_NIGHT, AFTERNOON);
        Verdict night = gate(target, state, REWRITES_AT_NIGHT, NIGHT);

        CheckResult refused = check(afternoon, "migrations:window");
        assertThat(refused.result()).as(refused.toString()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(refused.reason()).startsWith("needs a performance window: V5__retype_order_total.sql: rewrote public.orders (")
                .endsWith("the next window, 'night', opens Tue 2026-12-08 01:00 Z (in 11 h 0 min)");
        assertThat(afternoon.outcome()).isEqualTo(Verdict.Outcome.FAIL);
        assertThat(check(afternoon, "migrations:preview").result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(check(night, "migrations:window").result()).isEqualTo(CheckResult.Result.PASS);
        assertThat(check(night, "migrations:window").reason()).startsWith("inside performance window 'night'");
        assertThat(night.outcome()).as(night.checks().toString()).isEqualTo(Verdict.Outcome.PASS);
    }

    @Test
    void aLightMigrationGoesOutsideTheWindows(TestDatabase target, TestDatabase preview, TestDatabase state) {
        MigrationFiles files = shippedMigrationsAppliedTo(target);
        migrate(preview, null, null);
        files.add("V5__add_order_note.sql", NOTE);
        buildTracedPreview(preview, state);

        Verdict v = gate(target, state, REWRITES_AT_NIGHT, AFTERNOON);

        assertThat(check(v, "migrations:window").observed()).isEqualTo("0 heavy, 0 not traced, of 1 pending");
        assertThat(v.outcome()).as(v.checks().toString()).isEqualTo(Verdict.Outcome.PASS);
    }

    private static CheckResult check(Verdict v, String name) {
        return v.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void pendingMigrationLintedCleanAndRunOnAPreviewPasses(TestDatabase target, TestDatabase preview, TestDatabase state) {
        shippedMigrationsAppliedTo(target).add("V5__add_order_note.sql", NOTE);
        buildPreview(preview, state);

        Verdict v = gate(target, state);

        assertThat(v.outcome()).as(v.checks().toString()).isEqualTo(Verdict.Outcome.PASS);
        assertThat(v.checks()).extracting(CheckResult::name)
                .containsExactly("migrations:history", "migrations:lint", "migrations:preview");
        assertThat(check(v, "migrations:preview").observed()).isEqualTo("1/1 ran on a preview");
        assertThat(check(v, "migrations:history").observed()).isEqualTo("4 applied, 1 pending");
    }

    @Test
    void pendingMigrationNeverRunOnAPreviewFailsNamingIt(TestDatabase target, TestDatabase state) {
        shippedMigrationsAppliedTo(target).add("V5__add_order_note.sql", NOTE);

        Verdict v = gate(target, state);

        CheckResult preview = check(v, "migrations:preview");
        assertThat(preview.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(preview.reason()).contains("never ran successfully on a preview", "V5__add_order_note.sql");
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
    }

    @Test
    void migrationEditedAfterItsPreviewRunFails(TestDatabase target, TestDatabase preview, TestDatabase state) {
        MigrationFiles files = shippedMigrationsAppliedTo(target).add("V5__add_order_note.sql", NOTE);
        buildPreview(preview, state);
        files.add("V5__add_order_note.sql", NOTE + "ALTER TABLE orders ADD COLUMN gift boolean;\n");

        Verdict v = gate(target, state);

        assertThat(check(v, "migrations:preview").result()).isEqualTo(CheckResult.Result.FAIL);
    }

    @Test
    void editedAppliedMigrationFailsTheHistory(TestDatabase target, TestDatabase state) {
        shippedMigrationsAppliedTo(target).add("V2__create_orders.sql", "CREATE TABLE orders (id bigint);\n");

        Verdict v = gate(target, state);

        CheckResult history = check(v, "migrations:history");
        assertThat(history.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(history.reason()).contains("edited", "V2__create_orders.sql");
    }

    @Test
    void lintErrorInAPendingMigrationFails(TestDatabase target, TestDatabase state) {
        shippedMigrationsAppliedTo(target).add("V5__index_orders_total.sql", "CREATE INDEX orders_total_idx ON orders (total);\n");

        Verdict v = gate(target, state);

        CheckResult lint = check(v, "migrations:lint");
        assertThat(lint.result()).isEqualTo(CheckResult.Result.FAIL);
        assertThat(lint.reason()).contains("1 unacknowledged lint error", "V5__index_orders_total.sql",
                "create-index-not-concurrent");
    }

    @Test
    void acknowledgedLintErrorDoesNotFail(TestDatabase target, TestDatabase state) {
        shippedMigrationsAppliedTo(target).add("V5__index_orders_total.sql", "-- slipway:allow create-index-not-concurrent "
                + "reason: orders is empty in every environment\nCREATE INDEX orders_total_idx ON orders (total);\n");

        Verdict v = gate(target, state);

        assertThat(check(v, "migrations:lint").result()).isEqualTo(CheckResult.Result.PASS);
    }

    @Test
    void nothingPendingPasses(TestDatabase target, TestDatabase state) {
        shippedMigrationsAppliedTo(target);

        Verdict v = gate(target, state);

        assertThat(v.outcome()).as(v.checks().toString()).isEqualTo(Verdict.Outcome.PASS);
    }
}
