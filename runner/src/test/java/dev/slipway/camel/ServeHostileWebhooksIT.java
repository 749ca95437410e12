package dev.slipway.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.testing.RecordingForge;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Deliveries found hostile or odd by sending them to a running serve: a forged delivery ahead of the genuine one,
 * pull request 0, a head that is no commit, a future {@code updated_at}, another repository's events, bodies and
 * headers over the limits. Each answer is checked as the forge sees it, and what serve kept and did afterwards.
 */
class ServeHostileWebhooksIT extends ServeTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger endpointLog = (Logger) LoggerFactory.getLogger(WebhookEndpoint.class);

    @BeforeEach
    void captureLog() {
        log.start();
        endpointLog.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        endpointLog.detachAppender(log);
    }

    @Test
    void aForgedDeliveryDoesNotBurnTheIdOfTheGenuineOne(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String sha = serve.git.openPullRequest(3, "genuine", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        byte[] body = serve.pullRequestBody("opened", 3, sha, "genuine", false, "2026-11-24T10:00:00Z");

        HttpResponse<String> forged = ServeFixture.post(serve.app().url().resolve("/hooks/github"), "pull_request",
                body, "redelivered-id", "sha256=" + "0".repeat(64));
        HttpResponse<String> genuine = serve.deliver("pull_request", body, "redelivered-id", true);

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(genuine.statusCode()).isEqualTo(202);
        assertThat(json(genuine).get("result").asText()).isEqualTo("accepted");
        serve.awaitPreview(3, "ready", sha);
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT result || ' repeats ' || repeats FROM slipway.deliveries WHERE id = 'redelivered-id'"))
                .isEqualTo("accepted repeats 0");
    }

    @Test
    void pullRequestNumbersBelowOneAndHeadsThatAreNoCommitAreRefusedWithAReason(TestDatabase source,
                                                                                 TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String sha = serve.git.openPullRequest(5, "numbers", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));

        HttpResponse<String> zero = serve.pullRequest("opened", 0, sha, "numbers", false, "2026-11-24T10:00:00Z");
        HttpResponse<String> negative = serve.pullRequest("opened", -5, sha, "numbers", false, "2026-11-24T10:00:00Z");
        HttpResponse<String> shortSha = serve.pullRequest("opened", 5, sha.substring(0, 7), "numbers", false,
                "2026-11-24T10:00:00Z");

        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).get("result").asText()).isEqualTo("rejected");
        assertThat(json(zero).get("reason").asText())
                .isEqualTo("number in the pull_request payload is 0; a pull request number is a whole number from 1 up");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(shortSha.statusCode()).isEqualTo(400);
        assertThat(json(shortSha).get("reason").asText()).contains("'" + sha.substring(0, 7) + "', not a commit id");
        assertThat(serve.api("/api/v1/previews").get("previews")).isEmpty();
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT count(*) FROM slipway.pull_requests")).isEqualTo("0");
    }

    @Test
    void aHeadThatIsNotInGitMarksThePreviewFailedWithTheReasonAndIsNotRebuilt(TestDatabase source,
                                                                              TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        serve.git.openPullRequest(9, "phantom", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        String phantom = "0123456789abcdef0123456789abcdef01234567";

        serve.pullRequest("opened", 9, phantom, "phantom", false, "2026-11-24T10:00:00Z");

        await().atMost(Duration.ofSeconds(60)).until(() -> serve.preview(9).path("state").asText().equals("failed"));
        JsonNode failed = serve.preview(9);
        assertThat(failed.get("lastRun").get("state").asText()).isEqualTo("error");
        assertThat(failed.get("lastRun").get("summary").asText()).contains("commit " + phantom + " is not in",
                "not even after a fetch", "push to the pull request");
        await().atMost(Duration.ofSeconds(10)).until(() -> forge.requests().size() == 2);
        assertThat(forge.requests()).extracting(RecordingForge.Request::path)
                .allSatisfy(path -> assertThat(path).endsWith("/statuses/" + phantom));
        assertThat(forge.requests().get(1).body()).contains("\"state\":\"failure\"", "not even after a fetch");
        serve.app().loop().reconcileOnce();
        assertThat(serve.preview(9).get("runs")).hasSize(1);
        assertThat(serve.get("/").body()).contains("not even after a fetch");
    }

    @Test
    void aFutureUpdateTimePinsNothingAndACloseAlwaysDropsThePreview(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String first = serve.git.openPullRequest(4, "future", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        serve.pullRequest("opened", 4, first, "future", false, "2099-01-01T00:00:00Z");
        serve.awaitPreview(4, "ready", first);
        String second = serve.git.pushToPullRequest(4, Map.of("migrations/flyway/V6__b.sql", "SELECT 1;\n"), "more");

        serve.pullRequest("synchronize", 4, second, "future", false, Instant.now().toString());
        String name = serve.awaitPreview(4, "ready", second).get("preview").asText();
        serve.pullRequest("closed", 4, second, "future", false, "2026-01-01T00:00:00Z");

        await().atMost(Duration.ofSeconds(30)).until(() -> !serve.databaseExists(name));
        assertThat(serve.preview(4).get("prState").asText()).isEqualTo("closed");
        assertThat(serve.preview(4).get("state").asText()).isEqualTo("none");
    }

    @Test
    void anotherRepositorysDeliveriesAreIgnoredCountedAndLogged(TestDatabase source, TestDatabase state) {
        serve = ServeFixture.create(source, state, forge, dir, "").start();
        String sha = serve.git.openPullRequest(6, "elsewhere", Map.of("migrations/flyway/V5__a.sql", ServeIT.SAFE));
        ObjectNode other = (ObjectNode) read(serve.pullRequestBody("opened", 6, sha, "elsewhere", false,
                "2026-11-24T10:00:00Z"));
        ((ObjectNode) other.get("repository")).put("full_name", "someone/else");
        byte[] body = other.toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = serve.deliver("pull_request", body, "d-elsewhere", true);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(json(answer).get("result").asText()).isEqualTo("ignored");
        assertThat(json(answer).get("reason").asText()).isEqualTo("pull_request opened is for someone/else, not the "
                + "watched repository " + serve.repo + "; point this webhook at the serve that watches someone/else, "
                + "or remove it");
        assertThat(serve.get("/metrics").body())
                .contains("slipway_webhook_deliveries_total{forge=\"github\",result=\"ignored\"} 1.0")
                .doesNotContain("result=\"accepted\"");
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT result || ' ' || repo FROM slipway.deliveries WHERE id = 'd-elsewhere'"))
                .isEqualTo("ignored someone/else");
        assertThat(serve.api("/api/v1/previews").get("previews")).isEmpty();
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("d-elsewhere", "202 ignored", "someone/else"));
    }

    @Test
    void bodiesAndHeadersOverTheLimitsAreRefusedLikeEveryOtherDelivery(TestDatabase source, TestDatabase state)
            throws Exception {
        serve = ServeFixture.create(source, state, forge, dir, "").start();

        HttpResponse<String> huge = HTTP.send(hook().header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request").header("X-GitHub-Delivery", "d-huge")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024 + 1])).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> headers = HTTP.send(hook()
                .header("Content-Type", "application/json").header("X-GitHub-Event", "pull_request")
                .header("X-Padding", "x".repeat(HttpFront.MAX_HEADER_BYTES + 1))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> form = HTTP.send(hook().header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", "d-form")
                .POST(HttpRequest.BodyPublishers.ofString("payload=%7B%7D")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(json(huge).get("delivery").asText()).isEqualTo("d-huge");
        assertThat(json(huge).get("result").asText()).isEqualTo("rejected");
        assertThat(json(huge).get("reason").asText()).isEqualTo("the body is 5242881 bytes, over the limit of 5242880 "
                + "bytes (5.0 MB); raise serve.webhooks.maxBody or send fewer events to this webhook");
        assertThat(headers.statusCode()).isEqualTo(431);
        assertThat(json(headers).get("result").asText()).isEqualTo("rejected");
        assertThat(json(headers).get("reason").asText()).startsWith("the request's headers are larger than 8192 bytes");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(form).get("reason").asText()).contains("application/json");
        assertThat(serve.get("/metrics").body())
                .contains("slipway_webhook_deliveries_total{forge=\"github\",result=\"rejected\"} 2.0")
                .contains("slipway_webhook_deliveries_total{forge=\"unknown\",result=\"rejected\"} 1.0");
        assertThat(messages()).anySatisfy(m -> assertThat(m).contains("d-huge", "413 rejected", "over the limit"))
                .anySatisfy(m -> assertThat(m).contains("431 rejected", "headers are larger"));
        assertThat(ServeFixture.query(serve.admin().withDatabase(state.name()),
                "SELECT count(*) FROM slipway.deliveries")).isEqualTo("0");
    }

    @Test
    void theApiAnswersItsOwnRefusalsInJsonToo(TestDatabase source, TestDatabase state) throws Exception {
        serve = ServeFixture.create(source, state, forge, dir, "").start();

        HttpResponse<String> missing = serve.get("/nothing-here");
        HttpResponse<String> wrongMethod = HTTP.send(hook().GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).contains("/nothing-here", "/hooks/github");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("reason").asText()).contains("GET is not allowed", "POST");
    }

    /** A request to serve's GitHub hook that gives up after 30 s rather than hang the build. */
    private HttpRequest.Builder hook() {
        return HttpRequest.newBuilder(serve.app().url().resolve("/hooks/github")).timeout(Duration.ofSeconds(30));
    }

    private java.util.List<String> messages() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return read(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
        }
    }
}
