package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.cli.SlipwayCli;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.PrometheusServer;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gate API of a running serve: bearer tokens, evaluations equal to the CLI's, verdicts by id, manual holds. */
class GateApiIT extends ServeTestBase {

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void series() {
        PROMETHEUS.slothSlo("api-checkout", "availability", 0.6, 0.4, 0.3);
    }

    private ServeFixture start(TestDatabase source, TestDatabase state, boolean migrations) {
        serve = ServeFixture.create(source, state, forge, dir, "");
        MigrationFiles.copyOf("migrations/flyway", dir.resolve("m"));
        serve.edit(yaml -> yaml.replace("migrations:\n  engine: flyway\n", "migrations:\n  engine: flyway\n  location: "
                + dir.resolve("m") + "\n") + """
                environments:
                  prod:
                    url: %s
                    user: %s
                    gate:
                      tokenEnv: GATE_TOKEN
                      migrations: %s
                      prometheus: {url: "%s"}
                      slos: [{name: checkout, sloth: {service: api-checkout, slo: availability}, minBudgetRemaining: 0.2}]
                """.formatted(source.url(), source.user(), migrations, PROMETHEUS.url()));
        return serve.start();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(serve.app().url().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode evaluate(String commit) {
        HttpResponse<String> r = call("POST", "/api/v1/gates/prod/evaluations", ServeFixture.GATE_TOKEN,
                "{\"commit\": \"" + commit + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r.body());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(text, e);
        }
    }

    private static JsonNode check(JsonNode verdict, String name) {
        for (JsonNode c : verdict.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + verdict);
    }

    @Test
    void missingOrWrongTokenIs401(TestDatabase source, TestDatabase state) {
        start(source, state, false);

        assertThat(call("POST", "/api/v1/gates/prod/evaluations", null, "{}").statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = call("POST", "/api/v1/gates/prod/evaluations", "not-the-token", "{}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(ServeFixture.GATE_TOKEN).doesNotContain("not-the-token");
        assertThat(wrong.headers().firstValue("Authorization")).isEmpty();
        assertThat(call("PUT", "/api/v1/gates/prod/hold", "x", "{\"reason\": \"r\"}").statusCode()).isEqualTo(401);
        String id = evaluate("abc").get("id").asText();
        assertThat(call("GET", "/api/v1/verdicts/" + id, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/verdicts/" + id, "wrong", null).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownEnvironmentIs404ListingTheKnownOnes(TestDatabase source, TestDatabase state) {
        start(source, state, false);

        HttpResponse<String> r = call("POST", "/api/v1/gates/prdo/evaluations", ServeFixture.GATE_TOKEN, "{}");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("prdo", "[prod]");
    }

    @Test
    void evaluationEqualsTheCliVerdictAndIsKeptById(TestDatabase source, TestDatabase state) {
        start(source, state, false);

        JsonNode api = evaluate("c0ffee");
        StringWriter out = new StringWriter();
        int code = SlipwayCli.run(Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()), "gate",
                "--config", serve.configFile().toString(), "--env", "prod", "--commit", "c0ffee", "--json");

        assertThat(code).isZero();
        JsonNode cli = json(out.toString());
        assertThat(api.get("outcome").asText()).isEqualTo("PASS");
        assertThat(api.get("checks")).isEqualTo(cli.get("checks"));
        assertThat(api.get("url").asText()).endsWith("/api/v1/verdicts/" + api.get("id").asText());
        HttpResponse<String> stored = call("GET", "/api/v1/verdicts/" + api.get("id").asText(), ServeFixture.GATE_TOKEN, null);
        assertThat(stored.statusCode()).isEqualTo(200);
        JsonNode kept = json(stored.body());
        assertThat(kept.get("checks")).isEqualTo(api.get("checks"));
        assertThat(kept.get("commit").asText()).isEqualTo("c0ffee");
        assertThat(kept.at("/inputs/slo:checkout/budgetQuery").asText()).contains("api-checkout");
        assertThat(call("GET", "/api/v1/verdicts/00000000-0000-0000-0000-000000000000", ServeFixture.GATE_TOKEN, null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void holdFailsTheGateUntilCleared(TestDatabase source, TestDatabase state) {
        start(source, state, false);

        HttpResponse<String> held = call("PUT", "/api/v1/gates/prod/hold", ServeFixture.GATE_TOKEN,
                "{\"reason\": \"incident INC-12 in progress\", \"by\": \"alice\"}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
        JsonNode during = evaluate("abc");
        assertThat(during.get("outcome").asText()).isEqualTo("FAIL");
        assertThat(check(during, "hold").get("reason").asText()).contains("held by alice", "incident INC-12 in progress");

        assertThat(call("DELETE", "/api/v1/gates/prod/hold", ServeFixture.GATE_TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(evaluate("abc").get("outcome").asText()).isEqualTo("PASS");
        assertThat(call("DELETE", "/api/v1/gates/prod/hold", ServeFixture.GATE_TOKEN, null).statusCode()).isEqualTo(404);
        assertThat(state.column("SELECT kind || ' ' || actor FROM slipway.gate_events ORDER BY at"))
                .containsExactly("hold alice", "release api");
    }

    @Test
    void holdNeedsAReason(TestDatabase source, TestDatabase state) {
        start(source, state, false);

        assertThat(call("PUT", "/api/v1/gates/prod/hold", ServeFixture.GATE_TOKEN, "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void migrationThatServeRanOnAPreviewPassesTheMigrationCheck(TestDatabase source, TestDatabase state) {
        start(source, state, true);
        String sha = serve.git.openPullRequest(3, "note", Map.of("migrations/flyway/V5__nickname.sql", ServeIT.SAFE));
        serve.pullRequest("opened", 3, sha, "note", false, "2026-11-24T10:00:00Z");
        serve.awaitPreview(3, "ready", sha);
        JsonNode before = evaluate(sha);
        assertThat(check(before, "migrations:preview").get("result").asText()).as("nothing pending yet").isEqualTo("PASS");

        MigrationFiles.in(dir.resolve("m")).add("V5__nickname.sql", ServeIT.SAFE);
        JsonNode ran = evaluate(sha);
        MigrationFiles.in(dir.resolve("m")).add("V5__nickname.sql", ServeIT.SAFE + "-- edited after the preview\n"
                + "ALTER TABLE customers ADD COLUMN motto text;\n");
        JsonNode edited = evaluate(sha);

        assertThat(check(ran, "migrations:preview").get("result").asText()).as(ran.toString()).isEqualTo("PASS");
        assertThat(check(ran, "migrations:preview").get("observed").asText()).isEqualTo("1/1 ran on a preview");
        assertThat(check(edited, "migrations:preview").get("result").asText()).isEqualTo("FAIL");
        assertThat(check(edited, "migrations:preview").get("reason").asText()).contains("V5__nickname.sql");
    }
}
