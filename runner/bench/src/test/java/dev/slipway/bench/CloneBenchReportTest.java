package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The clone bench's two targets and how its report reads. */
class CloneBenchReportTest {

    private static final Machine MACHINE = new Machine(2, "test cpu", "jvm", "os", "PostgreSQL 18.1", "embedded", 3);
    private static final CloneBench.Options OPTIONS = new CloneBench.Options(List.of(0.1, 1.0, 4.0), null, null, null, 3, 1);

    private static CloneBenchReport report(long smallReady, long largeReady, Long dumpMs) {
        return new CloneBenchReport(MACHINE, "XFS", OPTIONS, List.of(
                new CloneBenchReport.Size(0.1, 100_000_000, 700, 100, 50, 200_000, "file_copy_clone", smallReady),
                new CloneBenchReport.Size(1.0, 1_000_000_000, 13_000, 2_000, 60, 200_000, "file_copy_clone", 1_000),
                new CloneBenchReport.Size(4.0, 4_000_000_000L, 29_000, 14_000, 70, 200_000, "file_copy_clone", largeReady)),
                new PushToReadyPhase.DumpRestore(dumpMs, "pg_dump | pg_restore"));
    }

    @Test
    void metWhenPushToReadyStaysFlatAndTheDumpIsTwentyTimesSlowerAtOneGigabyte() {
        CloneBenchReport r = report(1_000, 1_400, 25_000L);
        assertThat(r.flatRatio()).isEqualTo(1.4);
        assertThat(r.dumpRatio()).as("against the 1 GB golden's push-to-ready").isEqualTo(25.0);
        assertThat(r.targetsMet()).isTrue();
        assertThat(r.text()).contains("4.00 GB", "29,000 ms", "file_copy_clone", "(target <= 1.5) met", "25.0x");
    }

    @Test
    void missedWhenTheLargestGoldenIsSlowerOrTheDumpIsNotFarBehind() {
        assertThat(report(1_000, 1_600, 25_000L).targetsMet()).isFalse();
        assertThat(report(1_000, 1_000, 15_000L).targetsMet()).isFalse();
        assertThat(report(1_000, 1_000, null).targetsMet()).as("no dump measured").isFalse();
        assertThat(report(1_000, 1_600, 25_000L).text()).contains("MISSED");
    }
}
