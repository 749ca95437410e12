package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.testing.RecordingForge;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import dev.slipway.webhook.GitHubSignature;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GitLab and Gitea end to end over real HTTP: their webhook deliveries (GitLab's token header, Gitea's HMAC),
 * their ref layouts, their commit-status APIs with their own paths, headers and state names, and their comment APIs
 * (GitLab's merge request notes, Gitea's issue comments) for the pull request's one report.
 */
class ServeForgesIT extends ServeTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aGitLabMergeRequestGetsAPreviewAndGitLabStatuses(TestDatabase source, TestDatabase state) throws Exception {
        serve = ServeFixture.create(source, state, forge, dir, "").edit(c -> c
                .replace("refs: github", "refs: gitlab")
                .replace("githubSecretEnv: HOOK_SECRET", "gitlabTokenEnv: HOOK_SECRET")
                .replace("forge: github", "forge: gitlab")).start();
        serve.git.asGitLab();
        String sha = serve.git.openPullRequest(17, "feature/nickname", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));

        HttpResponse<String> wrong = post("/hooks/gitlab", gitLabMergeRequest("open", 17, sha), Map.of(
                "X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Token", "not-the-token"));
        HttpResponse<String> right = post("/hooks/gitlab", gitLabMergeRequest("open", 17, sha), Map.of(
                "X-Gitlab-Event", "Merge Request Hook", "X-Gitlab-Event-UUID", UUID.randomUUID().toString(),
                "X-Gitlab-Token", ServeFixture.HOOK_SECRET));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(202);
        serve.awaitPreview(17, "ready", sha);
        String project = URLEncoder.encode(serve.repo, StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.requests().size() == 2);
        assertThat(forge.requests()).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/projects/" + project + "/statuses/" + sha);
            assertThat(r.headers()).containsEntry("private-token", ServeFixture.FORGE_TOKEN);
            assertThat(r.body()).contains("\"name\":\"slipway/preview\"");
        }).extracting(RecordingForge.Request::body)
                .satisfiesExactly(b -> assertThat(b).contains("\"state\":\"pending\""),
                        b -> assertThat(b).contains("\"state\":\"success\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.comments(project + "!17").size() == 1);
        assertThat(forge.commentRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /projects/" + project + "/merge_requests/17/notes",
                "POST /projects/" + project + "/merge_requests/17/notes");
        assertThat(forge.comments(project + "!17").get(0).body()).startsWith("<!-- slipway:preview-report")
                .contains(": ready", "1 migration applied");

        post("/hooks/gitlab", gitLabMergeRequest("merge", 17, sha), Map.of("X-Gitlab-Event", "Merge Request Hook",
                "X-Gitlab-Event-UUID", UUID.randomUUID().toString(), "X-Gitlab-Token", ServeFixture.HOOK_SECRET));
        await().atMost(Duration.ofSeconds(30)).until(() -> serve.preview(17).get("state").asText().equals("none"));
    }

    @Test
    void aGiteaPullRequestGetsAPreviewAndGiteaStatuses(TestDatabase source, TestDatabase state) throws Exception {
        serve = ServeFixture.create(source, state, forge, dir, "").edit(c -> c
                .replace("githubSecretEnv: HOOK_SECRET", "giteaSecretEnv: HOOK_SECRET")
                .replace("forge: github", "forge: gitea")).start();
        String sha = serve.git.openPullRequest(8, "feature/nickname", Map.of("migrations/flyway/V5__a.sql", ServeIT.UNSAFE));
        byte[] body = giteaPullRequest(8, sha);

        HttpResponse<String> unsigned = post("/hooks/gitea", body, Map.of("X-Gitea-Event", "pull_request"));
        HttpResponse<String> signed = post("/hooks/gitea", body, Map.of("X-Gitea-Event", "pull_request",
                "X-Gitea-Delivery", UUID.randomUUID().toString(), "X-Gitea-Signature", giteaSignature(body)));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).isEqualTo(202);
        serve.awaitPreview(8, "failed", sha);
        String[] parts = serve.repo.split("/");
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.requests().size() == 2);
        assertThat(forge.requests()).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/repos/" + parts[0] + "/" + parts[1] + "/statuses/" + sha);
            assertThat(r.headers()).containsEntry("authorization", "token " + ServeFixture.FORGE_TOKEN);
            assertThat(r.body()).contains("\"context\":\"slipway/preview\"");
        }).extracting(RecordingForge.Request::body)
                .satisfiesExactly(b -> assertThat(b).contains("\"state\":\"pending\""),
                        b -> assertThat(b).contains("\"state\":\"failure\"", "lint: 1 error"));
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.comments(serve.repo + "#8").size() == 1);
        assertThat(forge.commentRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /repos/" + serve.repo + "/issues/8/comments", "POST /repos/" + serve.repo + "/issues/8/comments");
        assertThat(forge.commentRequests()).allSatisfy(r -> assertThat(r.headers())
                .containsEntry("authorization", "token " + ServeFixture.FORGE_TOKEN));
        assertThat(forge.comments(serve.repo + "#8").get(0).body()).contains(": failed", "`create-index-not-concurrent`");
    }

    /** GitLab's example merge request payload, for this test's project, merge request, head and action. */
    private byte[] gitLabMergeRequest(String action, int iid, String sha) throws IOException {
        ObjectNode body = (ObjectNode) JSON.readTree(RepoFolders.path("runner/src/test/resources/webhook/gitlab")
                .resolve("merge_request-open.json").toFile());
        ((ObjectNode) body.get("project")).put("path_with_namespace", serve.repo);
        ObjectNode mr = (ObjectNode) body.get("object_attributes");
        mr.put("action", action).put("iid", iid).put("state", action.equals("merge") ? "merged" : "opened")
                .put("source_branch", "feature/nickname").put("target_branch", "main")
                .put("updated_at", action.equals("merge") ? "2026-11-24 10:05:00 UTC" : "2026-11-24 10:00:00 UTC");
        ((ObjectNode) mr.get("last_commit")).put("id", sha);
        return JSON.writeValueAsBytes(body);
    }

    /** Gitea's example pull request payload, for this test's repository, number and head. */
    private byte[] giteaPullRequest(int n, String sha) throws IOException {
        ObjectNode body = (ObjectNode) JSON.readTree(RepoFolders.path("runner/src/test/resources/webhook/gitea")
                .resolve("pull_request-opened.json").toFile());
        body.put("number", n);
        ((ObjectNode) body.get("repository")).put("full_name", serve.repo);
        ObjectNode pr = (ObjectNode) body.get("pull_request");
        pr.put("number", n).put("state", "open").put("merged", false).put("updated_at", "2026-11-24T10:00:00Z");
        ((ObjectNode) pr.get("head")).put("sha", sha).put("ref", "feature/nickname");
        ((ObjectNode) pr.get("base")).put("ref", "main");
        return JSON.writeValueAsBytes(body);
    }

    /** Gitea signs with the same HMAC-SHA256 as GitHub, sent as bare hex. */
    private static String giteaSignature(byte[] body) {
        return GitHubSignature.of(ServeFixture.HOOK_SECRET.getBytes(StandardCharsets.UTF_8), body).substring("sha256=".length());
    }

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(serve.app().url().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
