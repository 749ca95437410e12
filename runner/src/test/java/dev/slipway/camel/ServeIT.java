package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.RecordingForge;
import dev.slipway.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole loop on a real PostgreSQL, real Git repositories and real HTTP: webhook → preview → status → drop. */
class ServeIT extends ServeTestBase {

    static final String SAFE = "ALTER TABLE customers ADD COLUMN nickname text;\n";
    static final String UNSAFE = "CREATE INDEX customers_nickname_idx ON customers (full_name);\n";
    static final String FIXED = "CREATE INDEX CONCURRENTLY customers_nickname_idx ON customers (full_name);\n";


    @Test
    void buildsAPreviewForAnOpenedPullRequestAndReportsTheCommitStatus(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String sha = serve.git.openPullRequest(1, "feature/nickname", Map.of("migrations/flyway/V5__nickname.sql", SAFE));

        HttpResponse<String> answer = serve.pullRequest("opened", 1, sha, "feature/nickname", false, "2026-11-24T10:00:00Z");

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode p = serve.awaitPreview(1, "ready", sha);
        String name = p.get("preview").asText();
        assertThat(name).startsWith("preview_shop").endsWith("_pr_1");
        assertThat(p.get("branch").asText()).isEqualTo("feature/nickname");
        assertThat(p.get("connection").get("database").asText()).isEqualTo(name);
        assertThat(p.toString()).doesNotContainIgnoringCase("password");
        assertThat(p.get("lastRun").get("summary").asText()).startsWith("1 migration applied; lint: 0 errors");
        assertThat(p.at("/lastRun/cloneStrategy").asText()).as("a small golden on PostgreSQL 15").isEqualTo("wal_log");
        assertThat(ServeFixture.query(serve.admin().withDatabase(name),
                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'nickname'"))
                .isEqualTo("1");
        assertThat(ServeFixture.query(serve.admin().withDatabase(name),
                "SELECT count(*) FROM customers WHERE email NOT LIKE '%@example.com'")).isEqualTo("0");
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.requests().size() >= 2);
        List<RecordingForge.Request> statuses = forge.requests();
        assertThat(statuses.get(0).path()).isEqualTo("/repos/" + serve.repo + "/statuses/" + sha);
        assertThat(statuses.get(0).body()).contains("\"state\":\"pending\"");
        assertThat(statuses.get(statuses.size() - 1).body()).contains("\"state\":\"success\"").contains("1 migration applied");
        assertThat(statuses.get(0).headers().get("Authorization")).isEqualTo("Bearer " + ServeFixture.FORGE_TOKEN);
    }

    /**
     * Also the pull request's one comment: created by the failed build, edited by the fix's build after a restart of
     * serve (found again by its marker), with the traced locks and the key queries' plans of each build.
     */
    @Test
    void anUnsafeMigrationFailsLintAndAPushedFixRebuildsFromAFreshClone(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "    trace: true").start();
        String bad = serve.git.openPullRequest(2, "index", Map.of("migrations/flyway/V5__index.sql", UNSAFE,
                "migrations/queries.sql", "-- name: customer_by_name\nSELECT id FROM customers WHERE full_name = $1;\n"));
        serve.pullRequest("opened", 2, bad, "index", false, "2026-11-24T10:00:00Z");

        JsonNode failed = serve.awaitPreview(2, "failed", bad);
        String thread = serve.repo + "#2";
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.comments(thread).size() == 1);
        String first = forge.comments(thread).get(0).body();
        serve.app().close();
        serve.start();
        String fix = serve.git.pushToPullRequest(2, Map.of("migrations/flyway/V5__index.sql",
                "-- slipway:allow non-transactional-mixed reason: one statement\n" + FIXED), "concurrently");
        serve.pullRequest("synchronize", 2, fix, "index", false, "2026-11-24T10:05:00Z");
        JsonNode ready = serve.awaitPreview(2, "ready", fix);

        assertThat(first).startsWith("<!-- slipway:preview-report context=slipway/preview -->")
                .contains(": failed", "Head `" + bad.substring(0, 10) + "`", "`create-index-not-concurrent`",
                        "migrations/flyway/V5__index.sql:1", "Locks measured on a copy of the preview", "SHARE | `public.customers`",
                        "**Key queries**: no plan regression (1 query explained before and after)", "`customer_by_name`");
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.comments(thread).get(0).body().contains(fix.substring(0, 10)));
        assertThat(forge.comments(thread)).singleElement().satisfies(c -> assertThat(c.body())
                .contains(": ready", "| `V5__index.sql` | succeeded |").doesNotContain("❌"));
        assertThat(forge.commentRequests()).filteredOn(r -> r.method().equals("POST")).hasSize(1);

        assertThat(failed.get("lastRun").get("summary").asText()).contains("lint: 1 error, 0 warnings");
        assertThat(forge.requests()).anySatisfy(r -> {
            assertThat(r.path()).endsWith("/statuses/" + bad);
            assertThat(r.body()).contains("\"state\":\"failure\"");
        });
        assertThat(ready.get("runs")).hasSize(2);
        assertThat(ready.get("runs").get(0).get("reason").asText()).isEqualTo("new-head");
        assertThat(ServeFixture.query(serve.admin().withDatabase(ready.get("preview").asText()),
                "SELECT count(*) FROM flyway_schema_history WHERE script = 'V5__index.sql'")).isEqualTo("1");
    }
}
