package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.bench.cli.BenchCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code slipway bench gate} with a tiny gate: the report is complete and every evaluation passed; no speed target. */
class GateBenchIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "bench";
        all[1] = "gate";
        System.arraycopy(args, 0, all, 2, args.length);
        return BenchCli.run(Map.of(), new PrintWriter(out), new PrintWriter(err), all);
    }

    @Test
    void reportsTheEvaluationTimesOfAPassingGate() throws IOException {
        int code = bench("--slos", "3", "--pdbs", "4", "--warm-up", "2", "--evaluations", "10", "--json");

        assertThat(code).as(err.toString()).isIn(0, 1);
        JsonNode r = Json.MAPPER.readTree(out.toString());
        assertThat(r.get("checks").asInt()).as("two per SLO, one per PDB").isEqualTo(3 * 2 + 4);
        assertThat(r.get("outcome").asText()).isEqualTo("PASS");
        assertThat(r.at("/latency/queries").asInt()).isEqualTo(10);
        assertThat(r.at("/latency/p99Ms").asDouble()).isGreaterThanOrEqualTo(r.at("/latency/p50Ms").asDouble()).isPositive();
        assertThat(r.at("/latency/maxMs").asDouble()).isGreaterThanOrEqualTo(r.at("/latency/p99Ms").asDouble());
        assertThat(r.at("/machine/cores").asInt()).isPositive();
        assertThat(r.get("prometheus").asText()).startsWith("Prometheus on http://127.0.0.1:");
        assertThat(r.get("targetMet").asBoolean()).isEqualTo(code == 0);
    }

    @Test
    void printsATableWithTheTarget() {
        bench("--slos", "1", "--pdbs", "1", "--warm-up", "0", "--evaluations", "3");

        assertThat(out.toString()).contains("slipway bench gate", "machine", "p50", "p99", "gate evaluation p99", "< 200.0 ms");
    }

    @Test
    void refusesAnEmptyGate() {
        assertThat(bench("--slos", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--slos, --pdbs and --evaluations must be at least 1");
    }
}
