package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RecordingForge;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Replicas, polling, an unreachable remote and the cap on previews. */
@ExtendWith(PostgresExtension.class)
class ServeLifecycleIT {

    @RegisterExtension
    final RecordingForge forge = new RecordingForge();

    @TempDir
    Path dir;

    private ServeFixture serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    void oneReplicaActsAndAStandbyTakesOverWhenTheLeaderStops(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> serve.app().leadership().isLeader());
        try (ServeApp standby = serve.replica("second")) {
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> !standby.leadership().isLeader());
            assertThat(standby.loop().reconcileOnce().acted()).isFalse();

            serve.app().close();
            await().atMost(Duration.ofSeconds(15)).until(() -> standby.leadership().isLeader());
            String sha = serve.git.openPullRequest(1, "failover", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
            sendTo(standby, serve, 1, sha);
            await().atMost(Duration.ofSeconds(60)).until(() -> ServeFixture.query(serve.admin().withDatabase(state.name()),
                    "SELECT owner || ':' || state FROM slipway.preview_runs").equals("second:succeeded"));
            assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                    "SELECT owner || ':' || state FROM slipway.preview_runs")).isEqualTo("second:succeeded");
        }
    }

    @Test
    void pollingFindsPullRequestsWithoutWebhooksAndAnUnreachableRemoteLeavesPreviewsAlone(TestDatabase source,
                                                                                        TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").edit(c -> c.replace("poll: off", "poll: 300ms"));
        String sha = serve.git.openPullRequest(2, "polled", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        serve.start();

        JsonNode ready = serve.awaitPreview(2, "ready", sha);
        serve.git.reachable(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> serve.app().poller().lastError() != null);
        serve.app().loop().reconcileOnce();

        assertThat(serve.app().poller().lastError()).contains(serve.git.url());
        assertThat(serve.databaseExists(ready.get("preview").asText())).isTrue();
        assertThat(serve.preview(2).get("state").asText()).isEqualTo("ready");
        assertThat(serve.get("/health/ready").statusCode()).isEqualTo(200);
        serve.git.reachable(true);
        await().atMost(Duration.ofSeconds(15)).until(() -> serve.app().poller().lastError() == null);
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT string_agg(kind, ',' ORDER BY at) FROM slipway.preview_events WHERE kind LIKE 'git-%'"))
                .isEqualTo("git-unavailable,git-recovered");
    }

    @Test
    void pullRequestsBeyondTheCapWaitWithAVisibleStatusAndGetTheFreedSlot(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "    max: 1").start();
        String first = serve.git.openPullRequest(3, "first", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        serve.pullRequest("opened", 3, first, "first", false, "2026-11-24T10:00:00Z");
        serve.awaitPreview(3, "ready", first);
        String second = serve.git.openPullRequest(4, "second", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));

        serve.pullRequest("opened", 4, second, "second", false, "2026-11-24T10:01:00Z");
        await().atMost(Duration.ofSeconds(30)).until(() -> serve.preview(4).get("state").asText().equals("queued"));
        assertThat(serve.preview(4).get("detail").asText()).contains("position 1 of 1");
        assertThat(forge.requests()).anySatisfy(r -> {
            assertThat(r.path()).endsWith(second);
            assertThat(r.body()).contains("\"state\":\"pending\"").contains("waiting for a free preview slot");
        });
        serve.pullRequest("closed", 3, first, "first", true, "2026-11-24T10:02:00Z");

        serve.awaitPreview(4, "ready", second);
    }

    private static void sendTo(ServeApp app, ServeFixture serve, int n, String sha) {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) ServeFixture.fixture("pull_request-opened");
        body.put("number", n);
        com.fasterxml.jackson.databind.node.ObjectNode pr = (com.fasterxml.jackson.databind.node.ObjectNode) body.get("pull_request");
        pr.put("number", n).put("updated_at", "2026-11-24T10:00:00Z");
        ((com.fasterxml.jackson.databind.node.ObjectNode) pr.get("head")).put("sha", sha).put("ref", "failover");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("repository")).put("full_name", serve.repo);
        byte[] bytes = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(app.url().resolve("/hooks/github"))
                            .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request")
                            .header("X-GitHub-Delivery", "failover-" + n)
                            .header("X-Hub-Signature-256", "sha256=" + ServeFixture.hmac(bytes))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(202);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
