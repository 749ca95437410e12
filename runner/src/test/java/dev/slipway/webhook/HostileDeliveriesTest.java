package dev.slipway.webhook;

import static dev.slipway.webhook.Deliveries.INTAKE;
import static dev.slipway.webhook.Deliveries.edited;
import static dev.slipway.webhook.Deliveries.fixture;
import static dev.slipway.webhook.Deliveries.gitea;
import static dev.slipway.webhook.Deliveries.github;
import static dev.slipway.webhook.Deliveries.gitlab;
import static dev.slipway.webhook.Deliveries.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deliveries signed with the right secret but saying what no forge says (pull request 0, a made-up head), forged
 * ones, and deliveries for another repository: what the intake answers and whether the delivery id may be recorded.
 */
class HostileDeliveriesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesAPullRequestNumberBelowOne(int number) {
        byte[] github = edited("github/pull_request-opened.json", root -> root.put("number", number));
        byte[] gitlab = edited("gitlab/merge_request-open.json",
                root -> ((ObjectNode) root.get("object_attributes")).put("iid", number));

        Delivery fromGitHub = INTAKE.receive(github("pull_request", github));
        Delivery fromGitLab = INTAKE.receive(gitlab("Merge Request Hook", gitlab));

        assertThat(fromGitHub.status()).isEqualTo(400);
        assertThat(fromGitHub.result()).isEqualTo(Delivery.Result.REJECTED);
        assertThat(fromGitHub.reason()).isEqualTo("number in the pull_request payload is " + number
                + "; a pull request number is a whole number from 1 up");
        assertThat(fromGitHub.repoEvent()).isEmpty();
        assertThat(fromGitLab.status()).isEqualTo(400);
        assertThat(fromGitLab.reason()).startsWith("object_attributes.iid in the Merge Request Hook payload is " + number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec26c3e", "not-a-commit", "zc26c3e57ca3a959ca5aad62de7213c562f8c821",
            "ec26c3e57ca3a959ca5aad62de7213c562f8c8210", "../../etc/passwd", ""})
    void refusesAHeadThatIsNotAFullCommitId(String sha) {
        byte[] github = edited("github/pull_request-synchronize.json",
                root -> ((ObjectNode) root.get("pull_request").get("head")).put("sha", sha));
        byte[] gitea = edited("gitea/pull_request-opened.json",
                root -> ((ObjectNode) root.get("pull_request").get("head")).put("sha", sha));
        byte[] gitlab = edited("gitlab/merge_request-open.json",
                root -> ((ObjectNode) root.get("object_attributes").get("last_commit")).put("id", sha));

        Delivery fromGitHub = INTAKE.receive(github("pull_request", github));

        assertThat(fromGitHub.status()).isEqualTo(400);
        assertThat(fromGitHub.reason()).isEqualTo("pull_request.head.sha in the pull_request payload is '" + sha
                + "', not a commit id; expected the full 40-digit hexadecimal id of the head commit");
        assertThat(INTAKE.receive(gitea("pull_request", gitea)).status()).isEqualTo(400);
        assertThat(INTAKE.receive(gitlab("Merge Request Hook", gitlab)).status()).isEqualTo(400);
    }

    @Test
    void takesAnUppercaseCommitIdInLowercase() {
        byte[] body = edited("github/pull_request-synchronize.json", root -> ((ObjectNode) root.get("pull_request")
                .get("head")).put("sha", "EC26C3E57CA3A959CA5AAD62DE7213C562F8C821"));

        PullRequestEvent event = GitHubDeliveriesTest.pullRequest(INTAKE.receive(github("pull_request", body)));

        assertThat(event.headSha()).isEqualTo("ec26c3e57ca3a959ca5aad62de7213c562f8c821");
    }

    @Test
    void onlySignedDeliveriesAreVerifiedAndMayBeRecorded() {
        byte[] opened = fixture("github/pull_request-opened.json");

        Delivery forged = INTAKE.receive(withHeader(github("pull_request", opened), "X-Hub-Signature-256",
                "sha256=" + "0".repeat(64)));
        Delivery tooLarge = new WebhookIntake(Deliveries.secrets(), 16).receive(github("pull_request", opened));
        Delivery malformed = INTAKE.receive(github("pull_request", Deliveries.utf8("{")));

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.verified()).isFalse();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.verified()).isFalse();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.verified()).isTrue();
        assertThat(INTAKE.receive(github("pull_request", opened)).verified()).isTrue();
    }

    @Test
    void anEventOfAnotherRepositoryIsIgnoredNamingBoth() {
        Delivery delivery = INTAKE.receive(github("pull_request", fixture("github/pull_request-opened.json")))
                .scopedTo("acme/shop");

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.IGNORED);
        assertThat(delivery.verified()).isTrue();
        assertThat(delivery.reason()).isEqualTo("pull_request opened is for Codertocat/Hello-World, not the watched "
                + "repository acme/shop; point this webhook at the serve that watches Codertocat/Hello-World, or "
                + "remove it");
        assertThat(delivery.repoEvent()).isPresent();
    }

    @Test
    void theWatchedRepositoryMatchesWhateverItsCase() {
        Delivery push = INTAKE.receive(github("push", fixture("github/push.json")));

        assertThat(push.scopedTo("codertocat/hello-world")).isSameAs(push);
        assertThat(push.scopedTo("codertocat/hello-world").accepted()).isTrue();
    }

    @Test
    void scopingLeavesRefusalsAndRepositoryLessPingsAsTheyAre() {
        Delivery malformed = INTAKE.receive(github("pull_request", Deliveries.utf8("{")));
        Delivery orgPing = INTAKE.receive(github("ping", edited("github/ping.json", root -> root.remove("repository"))));

        assertThat(malformed.scopedTo("acme/shop")).isSameAs(malformed);
        assertThat(orgPing.scopedTo("acme/shop").accepted()).isTrue();
    }
}
