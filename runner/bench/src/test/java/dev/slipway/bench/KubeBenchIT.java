package dev.slipway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.bench.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code slipway bench kube} run small, through the CLI: the report's figures are there and sane (not its speed). */
class KubeBenchIT {

    @Test
    void benchKubeCountsRequestsPerPreviewAndReconcilesWithoutWrites() throws Exception {
        StringWriter out = new StringWriter();

        int exit = BenchCli.run(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()), "bench", "kube",
                "--previews", "3", "--reconcile-previews", "40", "--runs", "3", "--json");

        JsonNode r = Json.MAPPER.readTree(out.toString());
        assertThat(exit).as(out.toString()).isEqualTo(r.at("/checks").findValues("passed").stream()
                .allMatch(JsonNode::asBoolean) ? 0 : 1);
        assertThat(r.at("/create/perPreview")).hasSize(3);
        assertThat(r.at("/create/median").asInt()).isBetween(15, r.at("/create/max").asInt());
        assertThat(r.at("/create/byKind/POST namespaces").asInt()).isEqualTo(1);
        assertThat(r.at("/create/byKind/POST volumesnapshotcontents").asInt()).isEqualTo(1);
        assertThat(r.at("/create/byKind/PATCH namespaces").asInt()).isEqualTo(1);
        assertThat(r.at("/destroy/perPreview")).hasSize(3);
        assertThat(r.at("/destroy/byKind/DELETE namespaces").asInt()).isEqualTo(1);
        assertThat(r.at("/destroy/byKind/DELETE volumesnapshotcontents").asInt()).isEqualTo(1);
        assertThat(r.at("/reconcile/previews").asInt()).isEqualTo(40);
        assertThat(r.at("/reconcile/runsMs")).hasSize(3);
        assertThat(r.at("/reconcile/requests").asInt()).isEqualTo(6);
        assertThat(r.at("/reconcile/writes").asInt()).isZero();
        assertThat(r.at("/reconcile/actions").asInt()).isZero();
        assertThat(r.get("checks")).hasSize(4);
    }
}
