package dev.slipway.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.cli.SlipwayCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code slipway bench}, outside the product: the product's commands and errors, plus the benchmarks. */
class BenchCliTest {

    private String out;
    private String err;

    private int slipway(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = SlipwayCli.run(Map.of(), new PrintWriter(o), new PrintWriter(e), List.of(BenchCommand.class), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void helpListsTheProductsCommandsAndBench() {
        assertThat(slipway("--help")).isZero();

        assertThat(out).contains("migrate", "mask", "serve", "demo", "bench");
    }

    @Test
    void benchCloneRefusesBadFiguresBeforeMountingAnything() {
        assertThat(slipway("bench", "clone", "--rounds", "0")).isEqualTo(2);
        assertThat(err).contains("--rounds at least 1");
        assertThat(slipway("bench", "clone", "--sizes", "0.1,0")).isEqualTo(2);
        assertThat(slipway("bench", "clone", "--help")).isZero();
        assertThat(out).contains("--sizes", "--dir", "--pg18-binaries", "--dump-gb");
    }

    @Test
    void aUsageErrorWithJsonIsTheProductsErrorDocument() throws IOException {
        int exit = slipway("bench", "lint", "--files", "x", "--json");

        JsonNode error = Json.MAPPER.readTree(out).get("error");
        assertThat(exit).isEqualTo(2);
        assertThat(error.get("code").asText()).isEqualTo("USAGE");
        assertThat(error.get("command").asText()).isEqualTo("slipway bench lint");
        assertThat(error.get("subject").asText()).isEqualTo("--files");
    }
}
