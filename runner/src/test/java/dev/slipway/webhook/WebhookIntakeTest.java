package dev.slipway.webhook;

import static dev.slipway.webhook.Deliveries.INTAKE;
import static dev.slipway.webhook.Deliveries.edited;
import static dev.slipway.webhook.Deliveries.fixture;
import static dev.slipway.webhook.Deliveries.github;
import static dev.slipway.webhook.Deliveries.utf8;
import static dev.slipway.webhook.Deliveries.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Limits, malformed bodies, events Slipway ignores, delivery ids and hostile data. */
class WebhookIntakeTest {

    private static final int LIMIT = 5 * 1024 * 1024;

    @Test
    void refusesABodyOneByteOverTheLimitBeforeCheckingItsSignature() {
        Delivery delivery = INTAKE.receive(withHeader(github("push", new byte[LIMIT + 1]), "X-Hub-Signature-256",
                null));

        assertThat(delivery.status()).isEqualTo(413);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.REJECTED);
        assertThat(delivery.reason()).contains("5242881 bytes, over the limit of 5242880 bytes");
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        byte[] push = fixture("github/push-with-new-branch.json");
        byte[] body = Arrays.copyOf(push, LIMIT);
        Arrays.fill(body, push.length, LIMIT, (byte) ' ');

        Delivery delivery = INTAKE.receive(github("push", body));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
    }

    @Test
    void honoursASmallerLimit() {
        WebhookIntake intake = new WebhookIntake(Deliveries.secrets(), 1024);

        assertThat(intake.receive(github("push", fixture("github/push.json"))).status()).isEqualTo(413);
    }

    @Test
    void refusesMalformedJsonWithWhereItBroke() {
        Delivery delivery = INTAKE.receive(github("push", utf8("{\"ref\": \"refs/heads/main\",")));

        assertThat(delivery.status()).isEqualTo(400);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.REJECTED);
        assertThat(delivery.reason()).startsWith("the push body is not valid JSON at line 1");
    }

    @Test
    void refusesBodiesThatAreNotOneJsonObject() {
        for (String body : List.of("", "[]", "\"push\"", "{} {}", "payload=%7B%22ref%22%3A1%7D")) {
            assertThat(INTAKE.receive(github("push", utf8(body))).status()).as(body).isEqualTo(400);
        }
        assertThat(INTAKE.receive(github("push", utf8("payload=%7B%7D"))).reason())
                .contains("form-encoded").contains("application/json");
    }

    @Test
    void refusesAKnownEventWithoutAFieldAndNamesIt() {
        byte[] noHead = edited("github/pull_request-opened.json",
                root -> ((ObjectNode) root.get("pull_request").get("head")).remove("sha"));

        Delivery delivery = INTAKE.receive(github("pull_request", noHead));

        assertThat(delivery.status()).isEqualTo(400);
        assertThat(delivery.reason()).isEqualTo("pull_request.head.sha is missing from the pull_request payload");
        assertThat(delivery.repoEvent()).isEmpty();
    }

    @Test
    void refusesFieldsOfTheWrongType() {
        byte[] textNumber = edited("github/pull_request-opened.json", root -> root.put("number", "2"));
        byte[] nullRef = edited("github/push.json", root -> root.putNull("ref"));

        assertThat(INTAKE.receive(github("pull_request", textNumber)).reason())
                .isEqualTo("number in the pull_request payload is not a whole number");
        assertThat(INTAKE.receive(github("push", nullRef)).reason())
                .isEqualTo("ref is missing from the push payload");
    }

    @Test
    void ignoresEventsSlipwayDoesNotActOnWithoutReadingThem() {
        Delivery delivery = INTAKE.receive(github("issues", utf8("not even json")));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.IGNORED);
        assertThat(delivery.reason()).isEqualTo("event issues is not one Slipway acts on");
        assertThat(delivery.event()).isEqualTo("issues");
    }

    @Test
    void ignoresADeliveryWithoutEventHeader() {
        Delivery delivery = INTAKE.receive(withHeader(github("push", fixture("github/push.json")), "X-GitHub-Event",
                null));

        assertThat(delivery.result()).isEqualTo(Delivery.Result.IGNORED);
        assertThat(delivery.event()).isEqualTo("unknown");
        assertThat(delivery.reason()).contains("no X-GitHub-Event header");
    }

    @Test
    void takesTheDeliveryIdFromTheHeaderOrMakesALocalOne() {
        WebhookRequest request = github("push", fixture("github/push.json"));

        assertThat(INTAKE.receive(withHeader(request, "x-github-delivery", "d-1")).id()).isEqualTo("d-1");
        assertThat(INTAKE.receive(withHeader(request, "X-GitHub-Delivery", null)).id())
                .matches("local-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void passesHostileBranchNamesThroughAsData() {
        String injection = "'; drop database x; --";
        String unicode = "é漢字🚀\u0301ß".repeat(50);
        byte[] body = edited("github/pull_request-opened.json", root -> {
            ((ObjectNode) root.get("pull_request").get("head")).put("ref", injection);
            ((ObjectNode) root.get("pull_request").get("base")).put("ref", unicode);
        });

        PullRequestEvent event = GitHubDeliveriesTest.pullRequest(INTAKE.receive(github("pull_request", body)));

        assertThat(unicode.codePointCount(0, unicode.length())).isEqualTo(300);
        assertThat(event.headRef()).isEqualTo(injection);
        assertThat(event.baseRef()).isEqualTo(unicode);
    }

    @Test
    void keepsReasonsOnOneLine() {
        Delivery delivery = INTAKE.receive(github("issues\nX-Injected: yes", utf8("{}")));

        assertThat(delivery.reason()).doesNotContain("\n").contains("issues X-Injected");
    }

    @Test
    void receivesFromManyThreadsAtOnce() {
        byte[] body = fixture("github/pull_request-synchronize.json");

        List<Delivery> deliveries = IntStream.range(0, 64).parallel()
                .mapToObj(i -> INTAKE.receive(github("pull_request", body))).toList();

        assertThat(deliveries).allSatisfy(d -> assertThat(d.result()).isEqualTo(Delivery.Result.ACCEPTED));
    }
}
