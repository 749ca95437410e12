package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.bench.BenchServer;
import dev.slipway.bench.MaskBench;
import dev.slipway.bench.MaskBenchReport;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code slipway bench mask} run small: the shape of its report, never its speed targets. */
@ExtendWith(PostgresExtension.class)
class MaskBenchIT {

    @Test
    void benchMaskMeasuresSlipwayThePipeAndPgDumpInOneRun(TestDatabase db) {
        MaskBenchReport report;
        try (BenchServer server = BenchServer.existing(db.spec())) {
            report = new MaskBench(server, new MaskBench.Options(5000, 2), line -> { }).call();
        }

        assertThat(report.runs()).hasSize(3);
        assertThat(report.runs().get(0).succeeded()).as(report.runs().get(0).error()).isTrue();
        assertThat(report.runs().get(0).heapPeakMb()).isPositive().isLessThan(256);
        assertThat(report.runs().get(1).succeeded()).isTrue();
        assertThat(report.bytes()).isPositive();
        assertThat(report.text()).contains("Slipway mask", "COPY pipe", "pg_dump | pg_restore", "machine:");
    }
}
