package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.RepoFolders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's first command: {@code ./slipway demo} on the repository's own migrations and masking rules. */
class DemoIT {

    /** As on a machine with only Java and Maven: no pg_dump, so the demo's plain schema is copied from the catalog. */
    @Test
    void demoAppliesBothEnginesThenMasksAndVerifiesTheGolden() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("SLIPWAY_HOME", RepoFolders.path("").toString(), "SLIPWAY_PG_BIN", "none");

        int code = SlipwayCli.run(env, new PrintWriter(out), new PrintWriter(err), "demo", "--json");

        assertThat(code).as(out + "\n" + err).isZero();
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        for (String engine : new String[] {"flyway", "liquibase"}) {
            JsonNode run = doc.get(engine);
            assertThat(run.get("firstRun").get("outcome").asText()).as(engine).isEqualTo("succeeded");
            assertThat(run.get("firstRun").get("migrations")).as(engine).hasSize(4);
            assertThat(run.get("secondRun").get("migrations")).as(engine + " second run").isEmpty();
            assertThat(run.get("status").get("counts").get("APPLIED").asInt()).as(engine).isEqualTo(4);
            assertThat(run.get("status").get("counts").get("PENDING").asInt()).as(engine).isZero();
        }
        assertThat(doc.get("mask").get("outcome").asText()).isEqualTo("masked");
        assertThat(doc.get("mask").get("schemaCopy").asText()).isEqualTo("catalog");
        assertThat(doc.get("mask").get("coverage").get("uncovered")).isEmpty();
        assertThat(doc.get("mask").get("rows").asLong()).isGreaterThan(60);
        assertThat(doc.get("verify").get("leaks").asLong()).isZero();
        assertThat(doc.get("verify").get("mark").asText()).isEqualTo("masked");
        assertThat(doc.get("verify").get("checks").toString()).contains("public.customers.email", "public.orders.total");
        assertThat(doc.get("serve")).extracting(s -> s.get("pr").asText() + ":" + s.get("state").asText())
                .containsExactly("1:ready", "2:failed", "2:ready", "1:dropped");
        assertThat(doc.get("serve").get(1).get("summary").asText()).contains("lint: 1 error");
        assertThat(doc.get("serve").get(1).get("comment").asText()).as("PR 2's comment after its first build")
                .startsWith("<!-- slipway:preview-report").contains(": failed", "`create-index-not-concurrent`");
        assertThat(doc.get("serve").get(2).get("comment").asText()).as("the same comment, edited after the fix")
                .contains(": ready").doesNotContain("create-index-not-concurrent");
    }

    @Test
    void demoOutsideTheRepositorySaysWhereToRunIt() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = SlipwayCli.run(Map.of("SLIPWAY_HOME", "/nonexistent"), new PrintWriter(out), new PrintWriter(err), "demo");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("/nonexistent/migrations", "--migrations");
    }
}
