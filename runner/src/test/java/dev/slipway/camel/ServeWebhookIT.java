package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad deliveries, repeated and reordered events, hostile names and foreign databases against a running serve. */
class ServeWebhookIT extends ServeTestBase {


    @Test
    void refusesBadDeliveriesWithoutActingAndRecordsOnlyTheVerifiedOnes(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        byte[] opened = ServeFixture.fixture("pull_request-opened").toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> unsigned = serve.deliver("pull_request", opened, "d-unsigned", false);
        HttpResponse<String> forged = send(serve, "pull_request", opened, "d-forged",
                ServeFixture.signature("another body".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> wrong = send(serve, "pull_request", opened, "d-wrong", "sha256=" + "0".repeat(64));
        HttpResponse<String> malformed = serve.deliver("pull_request", "{\"action\": ".getBytes(StandardCharsets.UTF_8),
                "d-malformed", true);
        HttpResponse<String> unknown = serve.deliver("star", "{\"action\":\"created\"}".getBytes(StandardCharsets.UTF_8),
                "d-star", true);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("X-Hub-Signature-256").doesNotContain(ServeFixture.HOOK_SECRET);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).contains("\"result\":\"ignored\"");
        assertThat(serve.api("/api/v1/previews").get("previews")).isEmpty();
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT string_agg(id || '=' || status || ':' || result, ',' ORDER BY id) FROM slipway.deliveries"))
                .isEqualTo("d-malformed=400:rejected,d-star=202:ignored");
        assertThat(serve.get("/metrics").body()).contains("slipway_webhook_deliveries_total{forge=\"github\",result=\"rejected\"} 4.0");
    }

    @Test
    void theSameDeliveryTwiceIsRecordedOnceAndBuildsOnce(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String sha = serve.git.openPullRequest(3, "twice", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        byte[] body = serve.pullRequestBody("opened", 3, sha, "twice", false, "2026-11-24T10:00:00Z");

        HttpResponse<String> first = serve.deliver("pull_request", body, "same-id", true);
        HttpResponse<String> second = serve.deliver("pull_request", body, "same-id", true);
        JsonNode ready = serve.awaitPreview(3, "ready", sha);

        assertThat(first.body()).contains("\"result\":\"accepted\"");
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).contains("\"result\":\"duplicate\"");
        assertThat(ready.get("runs")).hasSize(1);
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT repeats FROM slipway.deliveries WHERE id = 'same-id'")).isEqualTo("1");
    }

    @Test
    void closedArrivingBeforeAnOlderSynchronizeLeavesThePreviewDropped(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String sha = serve.git.openPullRequest(4, "reorder", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        serve.pullRequest("opened", 4, sha, "reorder", false, "2026-11-24T10:00:00Z");
        String name = serve.awaitPreview(4, "ready", sha).get("preview").asText();
        String later = serve.git.pushToPullRequest(4, Map.of("migrations/flyway/V6__b.sql", "SELECT 1;\n"), "more");

        serve.pullRequest("closed", 4, later, "reorder", true, "2026-11-24T10:10:00Z");
        await().atMost(Duration.ofSeconds(30)).until(() -> !serve.databaseExists(name));
        serve.pullRequest("synchronize", 4, later, "reorder", false, "2026-11-24T10:05:00Z");
        serve.app().loop().reconcileOnce();

        assertThat(serve.databaseExists(name)).isFalse();
        assertThat(serve.preview(4).get("prState").asText()).isEqualTo("merged");
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT kind || ': ' || message FROM slipway.preview_events WHERE pr_id = '4' AND kind = 'dropped'"))
                .contains(name).contains("closed or merged");
    }

    @Test
    void hostileBranchNamesAreDataAndAnUnmarkedDatabaseOfTheSameNameIsNeverTouched(TestDatabase source,
                                                                                  TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String hostile = "'; drop database x; --" + "ñ漢字🚀".repeat(70);
        String sha = serve.git.openPullRequest(6, "hostile", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        String blockedSha = serve.git.openPullRequest(7, "blocked", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        String taken = "preview_" + serve.repo.substring(serve.repo.indexOf('/') + 1) + "_pr_7";
        ServeFixture.sql(serve.admin(), "CREATE DATABASE " + taken);

        serve.pullRequest("opened", 6, sha, hostile, false, "2026-11-24T10:00:00Z");
        serve.pullRequest("opened", 7, blockedSha, "blocked", false, "2026-11-24T10:00:00Z");
        JsonNode ready = serve.awaitPreview(6, "ready", sha);
        await().atMost(Duration.ofSeconds(30)).until(() -> serve.preview(7).get("state").asText().equals("blocked"));
        serve.pullRequest("closed", 7, blockedSha, "blocked", false, "2026-11-24T10:20:00Z");
        serve.app().loop().reconcileOnce();

        assertThat(ready.get("branch").asText()).isEqualTo(hostile);
        assertThat(ready.get("preview").asText()).matches("preview_shop[0-9a-f]+_pr_6");
        assertThat(serve.databaseExists(taken)).isTrue();
        assertThat(serve.get("/").body()).doesNotContain("'; drop database").contains("&#39;; drop database x; --");
        assertThat(forge.requests()).anySatisfy(r -> assertThat(r.body()).contains("exists without Slipway's mark"));
        ServeFixture.sql(serve.admin(), "DROP DATABASE " + taken);
    }

    private static HttpResponse<String> send(ServeFixture serve, String event, byte[] body, String id, String signature) {
        return ServeFixture.post(serve.app().url().resolve("/hooks/github"), event, body, id, signature);
    }
}
