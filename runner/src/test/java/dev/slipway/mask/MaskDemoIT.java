package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.bench.BenchServer;
import dev.slipway.bench.MaskBench;
import dev.slipway.bench.MaskBenchReport;
import dev.slipway.cli.Json;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The repository's masking rules as shipped: the demo masks and verifies with them; the bench runs small. */
@ExtendWith(PostgresExtension.class)
class MaskDemoIT {

    @Test
    void demoMasksItsFakePersonalDataWithTheShippedRulesAndVerifiesIt() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("SLIPWAY_HOME", RepoFolders.path("").toString());

        int code = SlipwayCli.run(env, new PrintWriter(out), new PrintWriter(err), "demo", "--json");

        assertThat(code).as(out + "\n" + err).isZero();
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertThat(doc.get("mask").get("outcome").asText()).isEqualTo("masked");
        assertThat(doc.get("mask").get("coverage").get("uncovered")).isEmpty();
        assertThat(doc.get("mask").get("rows").asLong()).isGreaterThan(60);
        assertThat(doc.get("verify").get("leaks").asLong()).isZero();
        assertThat(doc.get("verify").get("mark").asText()).isEqualTo("masked");
        assertThat(doc.get("verify").get("checks").toString()).contains("public.customers.email", "public.orders.total");
    }

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
