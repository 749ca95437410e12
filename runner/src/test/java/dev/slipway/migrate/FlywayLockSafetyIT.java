package dev.slipway.migrate;

import static dev.slipway.migrate.MigrateFixture.FAST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.config.MigrationSettings;
import dev.slipway.config.RetryPolicy;
import dev.slipway.testing.LockHolder;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lock safety of Flyway runs: blocked migrations, retries, deadlocks and concurrent index builds. */
@ExtendWith(PostgresExtension.class)
class FlywayLockSafetyIT {

    private static final MigrationSettings TWO_TRIES = FAST.withRetry(
            new RetryPolicy(2, Duration.ofMillis(100), 2.0, Duration.ofSeconds(1), Duration.ofSeconds(20), 0.2));

    @TempDir
    Path dir;

    @Test
    void retriesABlockedMigrationOnceTheBlockingSessionEnds(TestDatabase db) {
        applied(db, "V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__note.sql", "ALTER TABLE accounts ADD COLUMN note text;");
        try (LockHolder holder = LockHolder.open(db, "report-job").begin("LOCK TABLE accounts IN ACCESS SHARE MODE")) {
            MigrateFixture fx = new MigrateFixture().onRetry(r -> holder.release());

            MigrationReport report = fx.flyway(db, dir);

            assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
            assertThat(fx.retries).singleElement().satisfies(retry -> {
                assertThat(retry.migration()).isEqualTo("V2__note.sql");
                assertThat(retry.sqlState()).isEqualTo("55P03");
                assertThat(retry.attempt()).isEqualTo(1);
                assertThat(retry.blockers()).extracting(BlockingSession::pid).containsExactly(holder.pid());
                assertThat(retry.blockers().get(0).application()).isEqualTo("report-job");
                assertThat(retry.blockers().get(0).query()).contains("LOCK TABLE accounts IN ACCESS SHARE MODE");
            });
            assertThat(report.retries()).isEqualTo(fx.retries);
            assertThat(db.columnExists("accounts", "note")).isTrue();
            assertThat(report.migrations()).singleElement().extracting(StepReport::retries).isEqualTo(1);
            assertThat(db.column(FlywayMigrateIT.steps(report)))
                    .containsExactly("V2__note.sql:retried", "V2__note.sql:succeeded");
        }
    }

    @Test
    void failsWithLockTimeoutNamingTheBlockerAfterTheLastTry(TestDatabase db) {
        applied(db, "V1__accounts.sql", "CREATE TABLE accounts (id int);")
                .add("V2__audit.sql", "CREATE TABLE audit (id int);")
                .add("V3__note.sql", "CREATE TABLE notes (id int);\nALTER TABLE accounts ADD COLUMN note text;");
        try (LockHolder holder = LockHolder.open(db, "report-job").begin("LOCK TABLE accounts IN ACCESS SHARE MODE")) {

            MigrationReport report = new MigrateFixture().flyway(db, dir, TWO_TRIES);

            assertThat(report.outcome()).isEqualTo("failed");
            assertThat(report.errorCode()).isEqualTo("LOCK_TIMEOUT");
            assertThat(report.exitCode()).isEqualTo(5);
            assertThat(report.error()).contains("V3__note.sql:2", "55P03", "pid " + holder.pid(), "report-job",
                    "LOCK TABLE accounts IN ACCESS SHARE MODE", "gave up after 2 tries", "lock_timeout 300ms");
            assertThat(report.error()).containsPattern("idle in transaction for \\d+(\\.\\d)?(ms|s)");
            assertThat(report.retries()).hasSize(1);
            assertThat(db.column(FlywayMigrateIT.steps(report)))
                    .containsExactly("V2__audit.sql:succeeded", "V3__note.sql:retried", "V3__note.sql:failed");
        }
        assertThat(db.tableExists("audit")).as("V2 of the same run stays applied").isTrue();
        assertThat(db.tableExists("notes")).as("V3's first statement was rolled back").isFalse();
        assertThat(db.columnExists("accounts", "note")).isFalse();
        assertThat(history(db)).containsExactly("1:true", "2:true");
    }

    @Test
    void retriesAMigrationThatADeadlockAborted(TestDatabase db) {
        applied(db, "V1__tables.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);");
        db.execute("ALTER DATABASE " + db.name() + " SET deadlock_timeout = '50ms'");
        MigrationFiles.in(dir).add("V2__both.sql", """
                LOCK TABLE b IN ACCESS EXCLUSIVE MODE;
                -- wait until the other session queues for b (first try) or holds nothing on a (the retry)
                DO $$ BEGIN
                  FOR i IN 1..1000 LOOP
                    EXIT WHEN EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND relation = 'b'::regclass)
                      OR NOT EXISTS (SELECT 1 FROM pg_locks WHERE granted AND relation = 'a'::regclass
                                     AND pid <> pg_backend_pid());
                    PERFORM pg_sleep(0.01);
                  END LOOP;
                END $$;
                ALTER TABLE a ADD COLUMN note text;
                """);
        try (LockHolder holder = LockHolder.open(db, "batch-job")
                .begin("SET LOCAL deadlock_timeout = '10s'", "LOCK TABLE a IN ACCESS SHARE MODE")) {
            AtomicReference<CompletableFuture<Void>> holderWaitsForB = new AtomicReference<>();
            MigrateFixture fx = new MigrateFixture().onRetry(r -> {
                holderWaitsForB.get().orTimeout(10, TimeUnit.SECONDS).join();
                holder.release();
            });
            CompletableFuture<MigrationReport> run = CompletableFuture.supplyAsync(() -> fx.flyway(db, dir));
            await().atMost(Duration.ofSeconds(10)).until(() -> migrationHoldsLockOn(db, "b"));
            holderWaitsForB.set(holder.runAsync("LOCK TABLE b IN ACCESS SHARE MODE"));

            MigrationReport report = run.orTimeout(30, TimeUnit.SECONDS).join();

            assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
            assertThat(fx.retries).singleElement().extracting(RetryEvent::sqlState).isEqualTo("40P01");
            assertThat(db.columnExists("a", "note")).isTrue();
        }
    }

    @Test
    void buildsIndexesConcurrentlyWithoutHangingOnFlywaysLock(TestDatabase db) {
        MigrationFiles.in(dir)
                .add("V1__orders.sql", "CREATE TABLE orders (id int, customer_id int);\n"
                        + "INSERT INTO orders SELECT g, g % 10 FROM generate_series(1, 1000) AS g;")
                .add("V2__orders_customer_idx.sql", "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);")
                .add("V3__orders_id_idx.sql", "CREATE UNIQUE INDEX CONCURRENTLY orders_id_idx ON orders (id);");

        MigrationReport report = CompletableFuture.supplyAsync(() -> new MigrateFixture().flyway(db, dir))
                .orTimeout(60, TimeUnit.SECONDS).join();

        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        assertThat(db.column("SELECT c.relname || ':' || i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                + " WHERE c.relname LIKE 'orders_%_idx' ORDER BY 1"))
                .containsExactly("orders_customer_idx:true", "orders_id_idx:true");
    }

    @Test
    void dropsTheInvalidIndexOfAFailedConcurrentBuildAndKeepsOlderOnes(TestDatabase db) {
        applied(db, "V1__legacy.sql", "CREATE TABLE legacy (code int);\nINSERT INTO legacy VALUES (1), (1);");
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY legacy_code_idx ON legacy (code)"))
                .hasMessageContaining("legacy_code_idx");
        MigrationFiles.in(dir)
                .add("V2__emails.sql", "CREATE TABLE emails (address text);\n"
                        + "INSERT INTO emails VALUES ('a@example.org'), ('a@example.org');")
                .add("V3__emails_unique.sql", "CREATE UNIQUE INDEX CONCURRENTLY emails_address_idx ON emails (address);");
        MigrateFixture fx = new MigrateFixture();

        MigrationReport report = fx.flyway(db, dir);

        assertThat(report.outcome()).isEqualTo("failed");
        assertThat(report.errorCode()).isEqualTo("MIGRATION_FAILED");
        assertThat(report.error()).contains("V3__emails_unique.sql", "23505");
        assertThat(report.invalidIndexesDropped()).containsExactly("public.emails_address_idx");
        assertThat(fx.dropped).containsExactly("public.emails_address_idx");
        assertThat(db.column("SELECT 1 FROM pg_class WHERE relname = 'emails_address_idx'")).isEmpty();
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'legacy_code_idx'::regclass"))
                .as("an INVALID index from before the run is left alone").isEqualTo("f");
    }

    @Test
    void aFailedConcurrentBuildCanBeRunAgainOnceTheDataIsFixed(TestDatabase db) {
        MigrationFiles.in(dir)
                .add("V1__emails.sql", "CREATE TABLE emails (address text);\n"
                        + "INSERT INTO emails VALUES ('a@example.org'), ('a@example.org');")
                .add("V2__emails_unique.sql", "CREATE UNIQUE INDEX CONCURRENTLY emails_address_idx ON emails (address);");
        MigrationReport failed = new MigrateFixture().flyway(db, dir);
        assertThat(failed.error()).contains("23505", "none of it was applied", "tries it again");
        assertThat(history(db)).as("no failed row for a migration that applied nothing").containsExactly("1:true");

        db.execute("DELETE FROM emails a USING emails b WHERE a.address = b.address AND a.ctid > b.ctid");
        MigrationReport fixed = new MigrateFixture().flyway(db, dir);

        assertThat(fixed.outcome()).as(fixed.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'emails_address_idx'::regclass"))
                .isEqualTo("t");
    }

    @Test
    void retriesAConcurrentIndexBuildBlockedOnItsFirstStatement(TestDatabase db) {
        applied(db, "V1__orders.sql", "CREATE TABLE orders (customer_id int);")
                .add("indexes/V2__orders_idx.sql", "-- built without blocking writes\n/* one statement */\nCREATE INDEX CONCURRENTLY orders_idx ON orders (customer_id);");
        try (LockHolder holder = LockHolder.open(db, "vacuum-job").begin("LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE")) {
            MigrateFixture fx = new MigrateFixture().onRetry(r -> holder.release());

            MigrationReport report = fx.flyway(db, dir);

            assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
            assertThat(fx.retries).singleElement().satisfies(retry -> {
                assertThat(retry.sqlState()).isEqualTo("55P03");
                assertThat(retry.blockers()).extracting(BlockingSession::pid).containsExactly(holder.pid());
            });
        }
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_idx'::regclass")).isEqualTo("t");
        assertThat(history(db)).as("the failed try left no row behind").containsExactly("1:true", "2:true");
    }

    @Test
    void aConcurrentIndexBuildThatStaysBlockedCanBeRunAgainLater(TestDatabase db) {
        applied(db, "V1__orders.sql", "CREATE TABLE orders (customer_id int);")
                .add("V2__orders_idx.sql", "CREATE INDEX CONCURRENTLY orders_idx ON orders (customer_id);");
        try (LockHolder holder = LockHolder.open(db, "vacuum-job").begin("LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE")) {
            MigrationReport blocked = new MigrateFixture().flyway(db, dir, TWO_TRIES);

            assertThat(blocked.errorCode()).as(blocked.error()).isEqualTo("LOCK_TIMEOUT");
            assertThat(blocked.error()).contains("pid " + holder.pid());
        }
        assertThat(history(db)).as("a first statement that failed ran nothing: no failed row").containsExactly("1:true");

        MigrationReport later = new MigrateFixture().flyway(db, dir);

        assertThat(later.outcome()).as(later.error()).isEqualTo("succeeded");
        assertThat(history(db)).containsExactly("1:true", "2:true");
    }

    @Test
    void doesNotRetryANonTransactionalMigrationBlockedAfterItsFirstStatement(TestDatabase db) {
        applied(db, "V1__tables.sql", "CREATE TABLE orders (customer_id int);\nCREATE TABLE invoices (customer_id int);")
                .add("V2__indexes.sql", "CREATE INDEX CONCURRENTLY orders_idx ON orders (customer_id);\n"
                + "CREATE INDEX CONCURRENTLY invoices_idx ON invoices (customer_id);");
        try (LockHolder holder = LockHolder.open(db, "vacuum-job").begin("LOCK TABLE invoices IN SHARE UPDATE EXCLUSIVE MODE")) {
            MigrateFixture fx = new MigrateFixture();

            MigrationReport report = fx.flyway(db, dir);

            assertThat(report.errorCode()).as(report.error()).isEqualTo("LOCK_TIMEOUT");
            assertThat(fx.retries).isEmpty();
            assertThat(report.error()).contains("V2__indexes.sql:2", "not retried", "pid " + holder.pid());
        }
        assertThat(db.value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_idx'::regclass"))
                .as("the first statement ran outside a transaction and stays").isEqualTo("t");
        assertThat(history(db)).containsExactly("1:true", "2:false");

        MigrationReport next = new MigrateFixture().flyway(db, dir);

        assertThat(next.errorCode()).isEqualTo("FAILED_MIGRATION_IN_HISTORY");
        assertThat(next.error()).contains("V2__indexes.sql");
    }

    @Test
    void waitsForTheWriterLockAndGetsItOnceTheHoldersSessionIsKilled(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__a.sql", "CREATE TABLE a (id int);");
        LockHolder other = LockHolder.open(db, "nightly-migrator").run("SELECT pg_advisory_lock(" + WriterLock.KEY + ")");
        try (other) {
            long start = System.nanoTime();
            MigrationReport busy = new MigrateFixture().flyway(db, dir);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(busy.outcome()).isEqualTo("refused");
            assertThat(busy.errorCode()).isEqualTo("WRITER_LOCK_BUSY");
            assertThat(busy.exitCode()).isEqualTo(5);
            assertThat(busy.error()).contains("pid " + other.pid(), "nightly-migrator", "since", "waited 500ms");
            assertThat(waited).isGreaterThanOrEqualTo(FAST.writerLockWait());
            assertThat(db.tableExists("a")).isFalse();
            assertThat(db.value("SELECT outcome || ' ' || error_code FROM slipway.runs WHERE id = '" + busy.runId() + "'"))
                    .isEqualTo("refused WRITER_LOCK_BUSY");

            db.execute("SELECT pg_terminate_backend(" + other.pid() + ")");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> db.column("SELECT 1 FROM pg_stat_activity WHERE pid = " + other.pid()).isEmpty());
        }

        MigrationReport next = new MigrateFixture().flyway(db, dir);

        assertThat(next.outcome()).as(next.error()).isEqualTo("succeeded");
        assertThat(db.tableExists("a")).isTrue();
    }

    /** Applies one migration in a first run, so that later migrations find its tables. */
    private MigrationFiles applied(TestDatabase db, String name, String sql) {
        MigrationFiles files = MigrationFiles.in(dir).add(name, sql);
        MigrationReport report = new MigrateFixture().flyway(db, dir);
        assertThat(report.outcome()).as(report.error()).isEqualTo("succeeded");
        return files;
    }

    static java.util.List<String> history(TestDatabase db) {
        return db.column("SELECT version || ':' || success FROM flyway_schema_history ORDER BY installed_rank");
    }

    private static boolean migrationHoldsLockOn(TestDatabase db, String table) {
        return !db.column("SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.granted AND l.relation = '" + table + "'::regclass"
                + " AND l.mode = 'AccessExclusiveLock' AND a.application_name LIKE 'slipway-migrate/%'").isEmpty();
    }
}
