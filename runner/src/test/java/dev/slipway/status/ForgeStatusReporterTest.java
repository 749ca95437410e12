package dev.slipway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.testing.RecordingForge;
import dev.slipway.webhook.Forge;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real HTTP against a loopback server that records what each forge would receive. */
class ForgeStatusReporterTest {

    private static final String TOKEN = "ghp_testtoken_5c1b7e0f_never_print";
    private static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RecordingForge forge = new RecordingForge();

    @Test
    void gitHubGetsABearerTokenAndTheStatusAsContext() throws IOException {
        reporter(Forge.GITHUB, "").report(new CommitStatus("Codertocat/Hello-World", SHA, CommitState.SUCCESS,
                "2 migrations applied to the preview", "https://slipway.example.com/runs/41", "slipway/preview"));

        RecordingForge.Request request = forge.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/repos/Codertocat/Hello-World/statuses/" + SHA);
        assertThat(request.headers()).containsEntry("Authorization", "Bearer " + TOKEN)
                .containsEntry("Accept", "application/vnd.github+json")
                .containsEntry("X-GitHub-Api-Version", "2022-11-28").containsEntry("User-Agent", "slipway")
                .containsEntry("Content-Type", "application/json");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("state").asText()).isEqualTo("success");
        assertThat(body.get("description").asText()).isEqualTo("2 migrations applied to the preview");
        assertThat(body.get("target_url").asText()).isEqualTo("https://slipway.example.com/runs/41");
        assertThat(body.get("context").asText()).isEqualTo("slipway/preview");
    }

    @Test
    void gitLabGetsAPrivateTokenAnEncodedProjectPathAndFailedForErrors() throws IOException {
        CommitStatusReporter gitlab = reporter(Forge.GITLAB, "/api/v4/");
        gitlab.report(status("shop/backend/orders-service", CommitState.ERROR));
        gitlab.report(status("shop/backend/orders-service", CommitState.FAILURE));

        RecordingForge.Request request = forge.requests().get(0);
        assertThat(request.path()).isEqualTo("/api/v4/projects/shop%2Fbackend%2Forders-service/statuses/" + SHA);
        assertThat(request.headers()).containsEntry("PRIVATE-TOKEN", TOKEN).doesNotContainKey("Authorization");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("state").asText()).isEqualTo("failed");
        assertThat(body.get("name").asText()).isEqualTo("slipway/lint");
        assertThat(body.has("context")).isFalse();
        assertThat(JSON.readTree(forge.requests().get(1).body()).get("state").asText()).isEqualTo("failed");
    }

    @Test
    void giteaGetsATokenHeaderAndGitHubStates() throws IOException {
        reporter(Forge.GITEA, "/api/v1").report(status("shop/billing", CommitState.PENDING));

        RecordingForge.Request request = forge.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/v1/repos/shop/billing/statuses/" + SHA);
        assertThat(request.headers()).containsEntry("Authorization", "token " + TOKEN);
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("state").asText()).isEqualTo("pending");
        assertThat(body.get("context").asText()).isEqualTo("slipway/lint");
        assertThat(body.has("target_url")).isFalse();
    }

    @Test
    void aRefusalNamesRepoShaStatusAndTheForgesMessageButNotTheToken() {
        forge.answer(422, "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Status\"}]}");

        assertThatThrownBy(() -> reporter(Forge.GITHUB, "").report(status("Codertocat/Hello-World",
                CommitState.FAILURE)))
                .isInstanceOfSatisfying(StatusReportException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.forge()).isEqualTo(Forge.GITHUB);
                })
                .hasMessage("GitHub refused commit status slipway/lint for Codertocat/Hello-World at " + SHA
                        + ": HTTP 422 Validation Failed; check that the commit exists in this repository and that "
                        + "the status fields are valid")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aTokenEchoedByTheForgeIsRedacted() {
        forge.answer(401, "{\"message\":\"401 Unauthorized: bad token " + TOKEN + "\"}");

        assertThatThrownBy(() -> reporter(Forge.GITLAB, "/api/v4").report(status("shop/app", CommitState.SUCCESS)))
                .hasMessageContaining("HTTP 401 401 Unauthorized: bad token ***")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void serverErrorsAreWorthRetrying() {
        forge.answer(503, "upstream unavailable");

        assertThatThrownBy(() -> reporter(Forge.GITEA, "/api/v1").report(status("shop/billing", CommitState.ERROR)))
                .isInstanceOfSatisfying(StatusReportException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                })
                .hasMessageContaining("HTTP 503 upstream unavailable");
    }

    @Test
    void anUnreachableForgeGivesAClearError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CommitStatusReporter reporter = ForgeStatusReporter.of(Forge.GITHUB,
                URI.create("http://127.0.0.1:" + port), TOKEN, TIMEOUT);

        assertThatThrownBy(() -> reporter.report(status("Codertocat/Hello-World", CommitState.SUCCESS)))
                .isInstanceOfSatisfying(StatusReportException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                })
                .hasMessageStartingWith("cannot report commit status slipway/lint for Codertocat/Hello-World at "
                        + SHA + " to GitHub at http://127.0.0.1:" + port + ": ")
                .hasMessageContaining("ConnectException")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aForgeThatDoesNotAnswerTimesOut() {
        forge.silent();
        CommitStatusReporter reporter = ForgeStatusReporter.of(Forge.GITHUB, forge.uri(""), TOKEN,
                Duration.ofMillis(300));

        assertThatThrownBy(() -> reporter.report(status("Codertocat/Hello-World", CommitState.PENDING)))
                .isInstanceOf(StatusReportException.class).hasMessageContaining("no answer within 300 ms");
    }

    @Test
    void sendsALongDescriptionCutTo140Characters() throws IOException {
        reporter(Forge.GITHUB, "").report(new CommitStatus("Codertocat/Hello-World", SHA, CommitState.FAILURE,
                "x".repeat(300), null, "slipway/lint"));

        String sent = JSON.readTree(forge.onlyRequest().body()).get("description").asText();
        assertThat(sent).hasSize(140).endsWith("x…");
    }

    @Test
    void refusesABlankTokenAndNeverShowsTheToken() {
        assertThatThrownBy(() -> ForgeStatusReporter.of(Forge.GITEA, forge.uri(""), " ", TIMEOUT))
                .isInstanceOf(SlipwayException.class)
                .satisfies(e -> assertThat(((SlipwayException) e).code()).isEqualTo(ErrorCode.SECRET_MISSING));
        assertThat(reporter(Forge.GITHUB, "")).asString().contains("token=***").doesNotContain(TOKEN);
    }

    @Test
    void refusesAnApiBaseThatIsNotHttp() {
        assertThatThrownBy(() -> ForgeStatusReporter.of(Forge.GITHUB, URI.create("api.github.com"), TOKEN, TIMEOUT))
                .isInstanceOf(SlipwayException.class).hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void noneReportsNowhere() {
        CommitStatusReporter.none().report(status("Codertocat/Hello-World", CommitState.SUCCESS));

        assertThat(forge.requests()).isEmpty();
    }

    private ForgeStatusReporter reporter(Forge which, String path) {
        return ForgeStatusReporter.of(which, forge.uri(path), TOKEN, TIMEOUT);
    }

    private static CommitStatus status(String repo, CommitState state) {
        return new CommitStatus(repo, SHA, state, "lint " + state.name().toLowerCase(), null, "slipway/lint");
    }
}
