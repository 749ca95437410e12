package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.bench.cli.BenchCli;
import dev.slipway.config.MigrationSettings;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Both benchmarks with tiny parameters: the shape and behaviour of their reports, never their speed targets. */
@ExtendWith(PostgresExtension.class)
class BenchIT {

    @Test
    void lockSafetyMeasuresBothToolsAndSlipwayRetriesUntilTheBlockerEnds(TestDatabase db) {
        LockSafetyBench.Options options = new LockSafetyBench.Options(1000, 2, Duration.ofSeconds(1),
                MigrationSettings.DEFAULT.withLockTimeout(Duration.ofMillis(300)));

        LockSafetyReport report;
        try (BenchServer server = BenchServer.existing(db.spec())) {
            report = new LockSafetyBench(server, options, line -> { }).call();
        }

        for (LockSafetyReport.Phase phase : new LockSafetyReport.Phase[] {report.flyway(), report.slipway()}) {
            assertThat(phase.succeeded()).as(phase.tool() + ": " + phase.error()).isTrue();
            assertThat(phase.finishedAfterReleaseMs()).as(phase.tool() + " ended after the blocker released").isNotNull()
                    .isNotNegative();
            assertThat(phase.duringMigration().queries()).as(phase.tool() + " client queries").isPositive();
            assertThat(phase.duringMigration().maxMs()).isGreaterThanOrEqualTo(phase.duringMigration().p99Ms());
            assertThat(phase.clientErrors()).isZero();
        }
        assertThat(report.flyway().retries()).isZero();
        assertThat(report.slipway().retries()).isGreaterThanOrEqualTo(1);
        assertThat(report.parameters().lockTimeoutMs()).isEqualTo(300);
        assertThat(report.checks()).hasSize(4);
        assertThat(report.machine().postgres()).startsWith("PostgreSQL ");
        assertThat(ReportText.lockSafety(report)).contains("longest client stall", "Slipway", "plain Flyway");
        assertThat(benchDatabases(db)).isEmpty();
    }

    @Test
    void overheadTimesEveryRoundOfBothToolsAndReportsTheirRatio(TestDatabase db) {
        OverheadReport report;
        try (BenchServer server = BenchServer.existing(db.spec())) {
            report = new OverheadBench(server, new OverheadBench.Options(20, 1, MigrationSettings.DEFAULT), line -> { })
                    .call();
        }

        assertThat(report.migrations()).isEqualTo(20);
        assertThat(report.rounds()).singleElement().satisfies(r -> {
            assertThat(r.slipwayMs()).isPositive();
            assertThat(r.flywayMs()).isPositive();
            assertThat(r.first()).isEqualTo(Tool.FLYWAY.label());
        });
        assertThat(report.ratio()).isPositive().isFinite();
        assertThat(report.slipwayMedianMs()).isEqualTo(report.rounds().get(0).slipwayMs());
        assertThat(ReportText.overhead(report)).contains("median", "Slipway / plain Flyway");
        assertThat(benchDatabases(db)).isEmpty();
    }

    @Test
    void commandPrintsTheReportAsJsonAndExitsOnTheTarget(TestDatabase db) throws Exception {
        StringWriter out = new StringWriter();

        int exit = BenchCli.run(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()), "bench", "overhead",
                "--url", db.url(), "--user", db.user(), "--migrations", "4", "--rounds", "1", "--json");

        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(exit).isEqualTo(json.get("targetMet").asBoolean() ? 0 : 1);
        assertThat(json.get("rounds")).hasSize(1);
        assertThat(json.at("/machine/cores").asInt()).isPositive();
    }

    @Test
    void backfillDoesTheSameChangeAsOnePlainUpdateAndAsABackfillWithAStandbyAndPrintsTheJsonKeys(TestDatabase db)
            throws Exception {
        StringWriter out = new StringWriter();

        int exit = BenchCli.run(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()), "bench", "backfill",
                "--url", db.url(), "--user", db.user(), "--rows", "3000", "--clients", "2", "--baseline", "1s", "--json");

        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertThat(exit).isEqualTo(json.get("targetsMet").asBoolean() ? 0 : 1);
        assertThat(json.at("/baseline/appP99Ms").asDouble()).isPositive();
        for (String way : List.of("naive", "slipway")) {
            assertThat(json.at("/" + way + "/succeeded").asBoolean()).as(way + ": " + json.at("/" + way + "/error"))
                    .isTrue();
            assertThat(json.at("/" + way + "/seconds").asDouble()).as(way).isPositive();
            assertThat(json.at("/" + way + "/appP99Ms").asDouble()).as(way).isPositive()
                    .isLessThanOrEqualTo(json.at("/" + way + "/appMaxMs").asDouble());
            assertThat(json.at("/" + way + "/lagMaxSeconds").isNumber()).as(way + " lag").isTrue();
            assertThat(json.at("/" + way + "/rowsChanged").asLong()).as(way).isEqualTo(3000);
        }
        assertThat(json.at("/slipway/maxLagSetting").asDouble()).isEqualTo(2.0);
        assertThat(json.at("/slipway/batches").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(json.get("checks")).anySatisfy(c -> {
            assertThat(c.get("name").asText()).startsWith("every row changed once");
            assertThat(c.get("passed").asBoolean()).as(c.toString()).isTrue();
        });
        assertThat(benchDatabases(db)).isEmpty();
    }

    @Test
    void badInputExitsWithTwo(TestDatabase db) {
        assertThat(bench("lock-safety", "--rows", "0")).isEqualTo(2);
        assertThat(bench("lock-safety", "--hold", "ten seconds")).isEqualTo(2);
        assertThat(bench("lock-safety", "--lock-timeout", "0s")).isEqualTo(2);
        assertThat(bench("overhead", "--rounds", "x")).isEqualTo(2);
        assertThat(bench("backfill", "--max-lag", "0s")).as("checked before any server starts").isEqualTo(2);
        assertThat(bench("backfill", "--clients", "0")).isEqualTo(2);
        assertThat(bench("mask", "--rounds", "0")).as("checked before any server starts").isEqualTo(2);
        assertThat(bench("mask", "--rows", "5")).isEqualTo(2);
        assertThat(bench("overhead", "--user", "bob")).isEqualTo(2);
        assertThat(bench("overhead", "--url", db.url(), "--password-env", "SLIPWAY_BENCH_IT_UNSET")).isEqualTo(2);
    }

    private static int bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return BenchCli.run(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), all);
    }

    private static List<String> benchDatabases(TestDatabase db) {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'slipway\\_bench\\_%'");
    }
}
