package dev.slipway.webhook;

import static dev.slipway.webhook.Deliveries.INTAKE;
import static dev.slipway.webhook.Deliveries.SECRET;
import static dev.slipway.webhook.Deliveries.fixture;
import static dev.slipway.webhook.Deliveries.gitea;
import static dev.slipway.webhook.Deliveries.github;
import static dev.slipway.webhook.Deliveries.gitlab;
import static dev.slipway.webhook.Deliveries.hmacHex;
import static dev.slipway.webhook.Deliveries.utf8;
import static dev.slipway.webhook.Deliveries.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every delivery must prove it knows the forge's secret before its body is read. */
class SignatureCheckTest {

    private static final byte[] OPENED = fixture("github/pull_request-opened.json");

    @Test
    void matchesTheSignatureGitHubPublishesForItsExample() {
        WebhookIntake intake = new WebhookIntake(WebhookSecrets.none().with(Forge.GITHUB,
                "It's a Secret to Everybody"));
        WebhookRequest request = new WebhookRequest(Forge.GITHUB, Map.of("X-GitHub-Event", "meta",
                "X-Hub-Signature-256", "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"),
                utf8("Hello, World!"));

        assertThat(intake.receive(request).result()).isEqualTo(Delivery.Result.IGNORED);
    }

    @Test
    void refusesAWrongGitHubSignatureAndSaysWhatToCheck() {
        Delivery delivery = INTAKE.receive(withHeader(github("pull_request", OPENED), "X-Hub-Signature-256",
                "sha256=" + hmacHex("another-secret", OPENED)));

        assertRejected(delivery);
        assertThat(delivery.reason()).isEqualTo("X-Hub-Signature-256 does not match the body signed with the "
                + "configured GitHub webhook secret; check the secret in the repository's webhook settings");
        assertThat(delivery.repoEvent()).isEmpty();
    }

    @Test
    void refusesAMissingSignature() {
        Delivery delivery = INTAKE.receive(withHeader(github("pull_request", OPENED), "X-Hub-Signature-256", null));

        assertRejected(delivery);
        assertThat(delivery.reason()).startsWith("X-Hub-Signature-256 header is missing");
    }

    @Test
    void refusesTheSignatureOfAnotherBody() {
        WebhookRequest signedPush = github("push", fixture("github/push.json"));
        WebhookRequest swapped = new WebhookRequest(Forge.GITHUB, signedPush.headers(), OPENED);

        assertRejected(INTAKE.receive(swapped));
    }

    @Test
    void refusesSignaturesThatAreNotSha256Hex() {
        String hex = hmacHex(SECRET, OPENED);
        for (String value : List.of(hex, "sha1=" + hex, "sha256=", "sha256=zz" + hex.substring(2),
                "sha256=" + hex.substring(0, 62))) {
            assertRejected(INTAKE.receive(withHeader(github("pull_request", OPENED), "X-Hub-Signature-256", value)));
        }
    }

    @Test
    void acceptsUppercaseHexAndLowercaseHeaderNames() {
        WebhookRequest request = new WebhookRequest(Forge.GITHUB, Map.of("x-github-event", "pull_request",
                "x-hub-signature-256", "sha256=" + hmacHex(SECRET, OPENED).toUpperCase()), OPENED);

        assertThat(INTAKE.receive(request).result()).isEqualTo(Delivery.Result.ACCEPTED);
    }

    @Test
    void refusesEveryDeliveryFromAForgeWithoutSecret() {
        WebhookIntake intake = new WebhookIntake(WebhookSecrets.none().with(Forge.GITLAB, SECRET));

        Delivery delivery = intake.receive(github("pull_request", OPENED));

        assertRejected(delivery);
        assertThat(delivery.reason()).startsWith("no GitHub webhook secret is configured");
    }

    @Test
    void refusesAWrongOrMissingGitLabToken() {
        byte[] body = fixture("gitlab/push.json");
        Delivery wrong = INTAKE.receive(withHeader(gitlab("Push Hook", body), "X-Gitlab-Token", SECRET + "x"));
        Delivery missing = INTAKE.receive(withHeader(gitlab("Push Hook", body), "X-Gitlab-Token", null));

        assertRejected(wrong);
        assertThat(wrong.reason()).startsWith("X-Gitlab-Token does not equal the configured GitLab webhook secret");
        assertRejected(missing);
        assertThat(missing.reason()).startsWith("X-Gitlab-Token header is missing");
    }

    @Test
    void refusesAGiteaSignatureOfAnotherSecret() {
        byte[] body = fixture("gitea/push.json");
        Delivery delivery = INTAKE.receive(withHeader(gitea("push", body), "X-Gitea-Signature",
                hmacHex("another-secret", body)));

        assertRejected(delivery);
        assertThat(delivery.reason()).startsWith("X-Gitea-Signature does not match the body signed with the "
                + "configured Gitea webhook secret");
    }

    @Test
    void checksTheSignatureBeforeReadingTheBody() {
        WebhookRequest garbage = withHeader(github("pull_request", utf8("{not json")), "X-Hub-Signature-256",
                "sha256=" + hmacHex("another-secret", utf8("{not json")));

        assertRejected(INTAKE.receive(garbage));
    }

    @Test
    void neverPutsTheSecretInAReasonOrToString() {
        byte[] body = fixture("gitlab/push.json");
        WebhookRequest nearMiss = withHeader(gitlab("Push Hook", body), "X-Gitlab-Token", SECRET + "!");
        List<Delivery> deliveries = List.of(INTAKE.receive(nearMiss),
                INTAKE.receive(withHeader(github("push", body), "X-Hub-Signature-256", "sha256=" + SECRET)),
                new WebhookIntake(WebhookSecrets.none()).receive(gitlab("Push Hook", body)),
                INTAKE.receive(gitlab("Push Hook", body)));

        assertThat(deliveries).allSatisfy(d -> assertThat(d.reason() + d).doesNotContain(SECRET));
        assertThat(nearMiss + " " + Deliveries.secrets() + " " + INTAKE).doesNotContain(SECRET)
                .contains("X-Gitlab-Token").contains("github=***");
    }

    private static void assertRejected(Delivery delivery) {
        assertThat(delivery.status()).isEqualTo(401);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.REJECTED);
    }
}
