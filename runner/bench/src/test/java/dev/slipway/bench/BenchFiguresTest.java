package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.MigrationSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic behind the benchmark figures: which queries count, percentiles, medians, targets. */
class BenchFiguresTest {

    private static final Machine MACHINE = new Machine(2, "cpu", "jvm", "os", "PostgreSQL 15.18", "embedded", 3.0);

    @Test
    void countsEveryQueryThatRanDuringTheWindowIncludingOnesStartedBefore() {
        LatencyLog log = new LatencyLog();
        log.record(0, 50);      // ended before the window
        log.record(90, 300);    // started before, ended inside
        log.record(150, 160);   // inside
        log.record(190, 900);   // started inside, ended after
        log.record(250, 260);   // started after

        assertThat(log.overlapping(100, 200)).containsExactly(210, 10, 710);
    }

    @Test
    void percentilesAreNearestRankAndStatsAreInMilliseconds() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = (i + 1) * 1_000_000L;
        }

        assertThat(LatencyStats.percentile(sorted, 0.99)).isEqualTo(99_000_000L);
        assertThat(LatencyStats.percentile(sorted, 0.50)).isEqualTo(50_000_000L);
        assertThat(LatencyStats.of(List.of(new long[] {2_340_000}, new long[] {1_000_000})))
                .isEqualTo(new LatencyStats(2, 1.0, 2.3, 2.3));
        assertThat(LatencyStats.of(List.of()).queries()).isZero();
    }

    @Test
    void medianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() {
        List<OverheadReport.Round> rounds = List.of(new OverheadReport.Round(1, "a", 100, 90),
                new OverheadReport.Round(2, "b", 300, 95), new OverheadReport.Round(3, "a", 110, 80),
                new OverheadReport.Round(4, "b", 120, 85));

        OverheadReport report = OverheadReport.of(MACHINE, new OverheadBench.Options(10, 4, MigrationSettings.DEFAULT), rounds);

        assertThat(report.slipwayMedianMs()).isEqualTo(115.0);
        assertThat(report.flywayMedianMs()).isEqualTo(87.5);
        assertThat(report.ratio()).isEqualTo(1.314);
        assertThat(report.targetMet()).isFalse();
    }

    @Test
    void lockSafetyTargetsHoldSlipwayToItsLockTimeoutAndFlywayToTheHoldLeft() {
        LockSafetyBench.Options options = new LockSafetyBench.Options(100, 2, Duration.ofSeconds(10),
                MigrationSettings.DEFAULT);

        LockSafetyReport met = LockSafetyReport.of(MACHINE, options, phase("plain Flyway", 9800, 9900L),
                phase("Slipway", 2200, 2500L));
        LockSafetyReport slipwayStalls = LockSafetyReport.of(MACHINE, options, phase("plain Flyway", 9800, 9900L),
                phase("Slipway", 2300, 2500L));
        LockSafetyReport slipwayBeforeRelease = LockSafetyReport.of(MACHINE, options, phase("plain Flyway", 9800, 9900L),
                phase("Slipway", 2200, null));

        assertThat(met.checks()).allMatch(Check::passed);
        assertThat(met.targetsMet()).isTrue();
        assertThat(slipwayStalls.checks()).filteredOn(c -> !c.passed()).singleElement()
                .satisfies(c -> assertThat(c.expected()).isEqualTo("≤ 2250 ms"));
        assertThat(slipwayBeforeRelease.targetsMet()).isFalse();
    }

    @Test
    void warnsWhenTheMachineWasBusy() {
        Machine busy = new Machine(2, "cpu", "jvm", "os", "PostgreSQL 15.18", "embedded", 60.0);
        OverheadReport report = OverheadReport.of(busy, new OverheadBench.Options(10, 1, MigrationSettings.DEFAULT),
                List.of(new OverheadReport.Round(1, "a", 100, 90)));

        assertThat(ReportText.overhead(report)).startsWith("WARNING: other work kept the CPUs 60% busy");
        assertThat(ReportText.overhead(OverheadReport.of(MACHINE, new OverheadBench.Options(10, 1,
                MigrationSettings.DEFAULT), report.rounds()))).startsWith("slipway bench overhead");
    }

    @Test
    void measuresHowBusyTheCpusAreAsAPercentage() {
        assertThat(Machine.busyPercent(Duration.ofMillis(100))).isBetween(-1.0, 100.0);
    }

    @Test
    void tablesAlignTheirColumns() {
        assertThat(new TextTable().row("a", "bb", "c").row("ccc", "d", "e").toString())
                .isEqualTo("a    bb  c\nccc  d   e\n");
    }

    private static LockSafetyReport.Phase phase(String tool, double maxMs, Long afterRelease) {
        LatencyStats during = new LatencyStats(1000, 0.3, 1.0, maxMs);
        return new LockSafetyReport.Phase(tool, true, 10_000, 0, null, 10_000, afterRelease,
                new LatencyStats(100, 0.3, 0.9, 2.0), during, 0);
    }
}
