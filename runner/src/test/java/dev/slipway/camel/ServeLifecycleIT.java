package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replicas, polling, an unreachable remote and the cap on previews. */
class ServeLifecycleIT extends ServeTestBase {


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
            serve.deliverTo(standby.url().toString(), 1, sha);
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

    @Test
    void aServeNeverDropsThePreviewsOfAnotherRepositoryOnTheSameServer(TestDatabase source, TestDatabase state,
                                                                       TestDatabase otherSource, TestDatabase otherState) {
        serve = ServeFixture.create(source, state, forge, dir.resolve("a"), "").start();
        String sha = serve.git.openPullRequest(5, "mine", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        serve.pullRequest("opened", 5, sha, "mine", false, "2026-11-24T10:00:00Z");
        String name = serve.awaitPreview(5, "ready", sha).get("preview").asText();

        try (ServeFixture other = ServeFixture.create(otherSource, otherState, forge, dir.resolve("b"), "").start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> other.app().leadership().isLeader());
            other.app().loop().reconcileOnce();

            assertThat(other.app().loop().last().plan().actions()).isEmpty();
            assertThat(other.api("/api/v1/previews").get("previews")).isEmpty();
        }
        assertThat(serve.databaseExists(name)).isTrue();
    }

    @Test
    void aPreviewIdlePastTheTtlIsDroppedAndANewPushBringsItBack(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "    ttl: 48h").start();
        String sha = serve.git.openPullRequest(6, "idle", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        serve.pullRequest("opened", 6, sha, "idle", false, "2026-11-24T10:00:00Z");
        String name = serve.awaitPreview(6, "ready", sha).get("preview").asText();
        ConnectionSpec stateDb = serve.admin().withDatabase(state.name());

        // two days pass without a push: the same head, first seen 49 hours ago
        ServeFixture.sql(stateDb, "UPDATE slipway.pull_requests SET head_seen_at = now() - interval '49 hours'");
        serve.app().loop().reconcileOnce();

        assertThat(serve.databaseExists(name)).isFalse();
        assertThat(serve.preview(6).get("state").asText()).isEqualTo("expired");
        assertThat(ServeFixture.query(stateDb, "SELECT string_agg(kind, ',' ORDER BY at) FROM slipway.preview_events"))
                .isEqualTo("expired");
        serve.app().loop().reconcileOnce();
        assertThat(ServeFixture.query(stateDb, "SELECT count(*) FROM slipway.preview_events")).isEqualTo("1");
        assertThat(ServeFixture.query(stateDb, "SELECT count(*) FROM slipway.preview_runs")).isEqualTo("1");

        String pushed = serve.git.pushToPullRequest(6, Map.of("migrations/flyway/V6__b.sql", ServeIT.SAFE.replace(
                "nickname", "nickname2")), "wake up");
        serve.pullRequest("synchronize", 6, pushed, "idle", false, "2026-11-26T10:00:00Z");

        assertThat(serve.awaitPreview(6, "ready", pushed).get("preview").asText()).isEqualTo(name);
        assertThat(serve.databaseExists(name)).isTrue();
    }
}
