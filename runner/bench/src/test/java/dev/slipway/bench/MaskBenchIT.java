package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code slipway bench mask} run small: the shape of its report, never its speed targets. */
@ExtendWith(PostgresExtension.class)
class MaskBenchIT {

    @Test
    void benchMaskMeasuresSlipwayThePipeAndPgDumpInRoundsAndComparesMedians(TestDatabase db) {
        MaskBenchReport report;
        try (BenchServer server = BenchServer.existing(db.spec())) {
            report = new MaskBench(server, new MaskBench.Options(5000, 2, 2, null), line -> { }).call();
        }

        assertThat(report.rounds()).hasSize(2).allSatisfy(round -> assertThat(round).extracting(MaskBenchReport.Run::tool)
                .containsExactly("Slipway mask", "COPY pipe", "pg_dump | pg_restore"));
        for (List<MaskBenchReport.Run> round : report.rounds()) {
            MaskBenchReport.Run slipway = round.get(0);
            assertThat(slipway.succeeded()).as(slipway.error()).isTrue();
            assertThat(slipway.heapPeakMb()).isPositive().isLessThan(256);
            assertThat(slipway.phases().copyMillis()).isNotNegative().isLessThanOrEqualTo(slipway.millis());
            assertThat(round.get(1).succeeded()).isTrue();
        }
        assertThat(report.bytes()).isPositive();
        assertThat(report.checks()).extracting(MaskBenchReport.Check::name).contains("Slipway / COPY pipe (medians)");
        assertThat(report.text()).contains("Slipway mask", "COPY pipe", "pg_dump | pg_restore", "machine:", "2 rounds",
                "Slipway's median run:", "for the rows", "java -Xmx256m -cp");
    }
}
