package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.config.GateConfig;
import dev.slipway.gate.PrometheusClient;
import dev.slipway.gate.SloBurnThrottle;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillRuntime;
import dev.slipway.migrate.backfill.BackfillSettings;
import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.PrometheusServer;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backfills held back by an SLO's burn rate read from a real Prometheus (Sloth's series pushed through its
 * remote-write receiver, as in the gate's tests): the backfill pauses while the SLO burns its budget too fast and
 * goes on when it stops; an SLO Prometheus cannot answer for holds it too. The throttle's clock moves 10 s per look,
 * so it asks Prometheus at every check instead of every 10 s.
 */
@ExtendWith(PostgresExtension.class)
class BackfillSloIT {

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final GateConfig.BurnWindow SHORT = new GateConfig.BurnWindow(Duration.ofHours(1), 14.4);
    private static final GateConfig.BurnWindow LONG = new GateConfig.BurnWindow(Duration.ofHours(6), 6);
    private static final String ACCOUNTS = "CREATE TABLE accounts (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0);\n"
            + "INSERT INTO accounts (id) SELECT generate_series(1, 20000);";

    @TempDir
    Path dir;

    private static SloBurnThrottle throttle(String service, boolean unknownPasses) {
        GateConfig.Slo slo = new GateConfig.Slo("checkout", service, "availability", null, null, 0.25, SHORT, LONG);
        GateConfig gate = new GateConfig(null, unknownPasses, Duration.ofSeconds(5), null,
                new GateConfig.Prometheus(PROMETHEUS.url(), null), List.of(slo), false, List.of());
        AtomicLong clock = new AtomicLong();
        return new SloBurnThrottle(gate, new PrometheusClient(PROMETHEUS.url(), null, Duration.ofSeconds(5),
                PrometheusClient.httpClient(Duration.ofSeconds(5))), () -> clock.addAndGet(Duration.ofSeconds(10).toNanos()));
    }

    private MigrationReport run(TestDatabase db, SloBurnThrottle throttle, BackfillListener listener, MigrateFixture f) {
        BackfillRuntime runtime = new BackfillRuntime(BackfillSettings.DEFAULT, List.of(), List.of(throttle), listener);
        return f.run(new MigrateRequest(db.spec(), EngineKind.FLYWAY, dir, MigrateFixture.FAST, false, null, null)
                .withBackfills(runtime));
    }

    @Test
    void pausesWhileTheSloBurnsItsBudgetTooFastAndGoesOnWhenItStops(TestDatabase db) {
        MigrationFiles files = MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS);
        assertThat(new MigrateFixture().flyway(db, dir).outcome()).isEqualTo("succeeded");
        files.add("V2__bump.sql", "-- slipway:backfill first-batch=200 max-batch=200 duty=0.2 max-pause=2m\n"
                + "UPDATE accounts SET n = n + 1;");
        PROMETHEUS.slothSlo("bf-checkout", "availability", 0.8, 1.0, 1.0);
        AtomicBoolean burning = new AtomicBoolean();
        BackfillListener burnAfter2000Rows = s -> {
            if (s.rowsDone() >= 2000 && burning.compareAndSet(false, true)) {
                PROMETHEUS.slothSlo("bf-checkout", "availability", 0.6, 20.0, 4.0);
            }
        };
        MigrateFixture fixture = new MigrateFixture();

        CompletableFuture<MigrationReport> report = CompletableFuture.supplyAsync(
                () -> run(db, throttle("bf-checkout", false), burnAfter2000Rows, fixture));
        await().atMost(Duration.ofSeconds(60)).until(() -> report.isDone()
                || fixture.backfills.stream().anyMatch(s -> "paused".equals(s.state())));
        BackfillStatus paused = fixture.backfills.stream().filter(s -> "paused".equals(s.state())).findFirst()
                .orElseThrow(() -> new AssertionError("never paused: " + report.join().error()));
        assertThat(paused.reason()).isEqualTo("SLO checkout burns its error budget at 20.00× over 1h (max 14.40×)");
        assertThat(paused.rowsDone()).as("paused between the first batch and the last").isBetween(2000L, 19999L);
        assertThat(db.value("SELECT state FROM slipway.backfill")).isEqualTo("paused");

        PROMETHEUS.slothSlo("bf-checkout", "availability", 0.6, 2.0, 4.0);
        MigrationReport done = report.join();

        assertThat(done.outcome()).as(done.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FILTER (WHERE n = 1) || '/' || count(*) FROM accounts"))
                .isEqualTo("20000/20000");
        BackfillStatus last = done.migrations().get(0).backfill();
        assertThat(last.state()).isEqualTo("finished");
        assertThat(last.pausedSeconds().getOrDefault("slo", 0.0)).as("paused for the SLO").isPositive();
    }

    @Test
    void anSloPrometheusCannotAnswerForHoldsTheBackfillUntilMaxPauseFailsIt(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS).add("V2__bump.sql",
                "-- slipway:backfill max-pause=1s\nUPDATE accounts SET n = n + 1;");

        MigrationReport failed = run(db, throttle("bf-no-such-service", false), BackfillListener.NONE, new MigrateFixture());

        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.error()).contains("V2__bump.sql: the backfill waited longer than max-pause=1s for SLO "
                + "checkout's burn rate over 1h is unknown", "Raise max-pause");
        assertThat(db.value("SELECT rows_done || ' ' || state FROM slipway.backfill")).isEqualTo("0 failed");
        assertThat(db.value("SELECT count(*) FROM accounts WHERE n = 1")).isEqualTo("0");
    }

    @Test
    void anUnknownBurnRatePassesWhenTheGateLetsUnknownResultsPass(TestDatabase db) {
        MigrationFiles.in(dir).add("V1__accounts.sql", ACCOUNTS).add("V2__bump.sql",
                "-- slipway:backfill max-pause=1s\nUPDATE accounts SET n = n + 1;");

        MigrationReport done = run(db, throttle("bf-no-such-service", true), BackfillListener.NONE, new MigrateFixture());

        assertThat(done.outcome()).as(done.error()).isEqualTo("succeeded");
        assertThat(db.value("SELECT count(*) FROM accounts WHERE n = 1")).isEqualTo("20000");
    }
}
