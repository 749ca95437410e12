package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.bench.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code slipway bench lint} with tiny parameters: the shape of its report, never its speed target. */
class LintBenchTest {

    private String out;

    private int bench(String... args) {
        StringWriter o = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = "lint";
        System.arraycopy(args, 0, all, 2, args.length);
        int code = BenchCli.run(Map.of(), new PrintWriter(o), new PrintWriter(new StringWriter()), all);
        out = o.toString();
        return code;
    }

    @Test
    void lintsEveryGeneratedStatementAndReportsTheFloorsBeneathIt() throws Exception {
        assertThat(bench("--files", "5", "--statements", "60", "--rounds", "1", "--json")).isIn(0, 1);
        JsonNode report = Json.MAPPER.readTree(out);
        assertThat(report.path("statements").asInt()).isEqualTo(60);
        assertThat(report.path("files").asInt()).isEqualTo(5);
        assertThat(report.path("findings").asLong()).isPositive();
        assertThat(report.path("statementsPerSecond").asLong()).isPositive();
        assertThat(report.path("targetMillis").asLong()).isEqualTo(2000);
    }

    @Test
    void printsATableWithTheMachine() {
        bench("--files", "2", "--statements", "20", "--rounds", "1");
        assertThat(out).contains("slipway bench lint", "machine", "slipway lint, cold (first run)", "lint time, cold")
                .doesNotContain("server");
    }

    @Test
    void refusesEmptyWorkloads() {
        assertThat(bench("--files", "0")).isEqualTo(2);
        assertThat(bench("--files", "10", "--statements", "5")).isEqualTo(2);
    }
}
