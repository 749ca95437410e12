package dev.slipway.webhook;

import static dev.slipway.webhook.Deliveries.INTAKE;
import static dev.slipway.webhook.Deliveries.edited;
import static dev.slipway.webhook.Deliveries.fixture;
import static dev.slipway.webhook.Deliveries.github;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real GitHub deliveries in {@code webhook/github/}, signed here with the test secret. */
class GitHubDeliveriesTest {

    private static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    @ParameterizedTest
    @CsvSource({"opened, 2019-05-15T15:20:33Z", "synchronize, 2019-05-15T15:20:33Z",
            "reopened, 2019-05-15T15:20:33Z", "labeled, 2019-05-15T15:20:35Z"})
    void openPullRequestEventsAreAcceptedWithHeadBaseAndLabels(String action, Instant updatedAt) {
        Delivery delivery = INTAKE.receive(github("pull_request", fixture("github/pull_request-" + action + ".json")));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(delivery.id()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(delivery.event()).isEqualTo("pull_request");
        assertThat(delivery.action()).isEqualTo(action);
        assertThat(delivery.repoEvent()).contains(new PullRequestEvent("Codertocat/Hello-World", 2, action, HEAD,
                "changes", "master", PullRequestState.OPEN, List.of("bug"), updatedAt));
        assertThat(delivery.reason()).contains("Codertocat/Hello-World #2");
    }

    @Test
    void closedWithoutMergeIsClosed() {
        Delivery delivery = INTAKE.receive(github("pull_request", fixture("github/pull_request-closed.json")));

        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(pullRequest(delivery).state()).isEqualTo(PullRequestState.CLOSED);
        assertThat(pullRequest(delivery).action()).isEqualTo("closed");
        assertThat(pullRequest(delivery).updatedAt()).isEqualTo(Instant.parse("2019-05-15T15:21:18Z"));
    }

    @Test
    void anUnreadableUpdateTimeIsLeftOut() {
        byte[] body = edited("github/pull_request-opened.json",
                root -> ((ObjectNode) root.get("pull_request")).put("updated_at", "yesterday"));

        Delivery delivery = INTAKE.receive(github("pull_request", body));

        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(pullRequest(delivery).updatedAt()).isNull();
    }

    @Test
    void closedWithMergeIsMerged() {
        byte[] merged = edited("github/pull_request-closed.json",
                root -> ((ObjectNode) root.get("pull_request")).put("merged", true));

        assertThat(pullRequest(INTAKE.receive(github("pull_request", merged))).state())
                .isEqualTo(PullRequestState.MERGED);
    }

    @Test
    void otherPullRequestActionsAreIgnoredButStillRead() {
        byte[] assigned = edited("github/pull_request-opened.json", root -> root.put("action", "assigned"));

        Delivery delivery = INTAKE.receive(github("pull_request", assigned));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.IGNORED);
        assertThat(delivery.reason()).isEqualTo("pull_request action assigned is not one Slipway acts on");
        assertThat(pullRequest(delivery).number()).isEqualTo(2);
    }

    @Test
    void tagDeletionPushIsAcceptedAsDeleted() {
        Delivery delivery = INTAKE.receive(github("push", fixture("github/push.json")));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(delivery.action()).isNull();
        assertThat(delivery.repoEvent()).contains(new PushEvent("Codertocat/Hello-World", "refs/tags/simple-tag",
                "6113728f27ae82c7b1a177c8d03f9e96e0adf246", "0000000000000000000000000000000000000000", true));
    }

    @Test
    void newBranchPushIsAccepted() {
        Delivery delivery = INTAKE.receive(github("push", fixture("github/push-with-new-branch.json")));

        assertThat(delivery.repoEvent()).contains(new PushEvent("Codertocat/Hello-World", "refs/heads/master",
                "0000000000000000000000000000000000000000", "6113728f27ae82c7b1a177c8d03f9e96e0adf246", false));
    }

    @Test
    void pingIsAnsweredWithOk() {
        Delivery delivery = INTAKE.receive(github("ping", fixture("github/ping.json")));

        assertThat(delivery.status()).isEqualTo(200);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(delivery.repoEvent()).contains(new PingEvent("Octocoders/Hello-World"));
    }

    @Test
    void pingWithoutRepositoryHasNoRepo() {
        byte[] orgPing = edited("github/ping.json", root -> root.remove("repository"));

        assertThat(INTAKE.receive(github("ping", orgPing)).repoEvent()).contains(new PingEvent(null));
    }

    static PullRequestEvent pullRequest(Delivery delivery) {
        return (PullRequestEvent) delivery.repoEvent().orElseThrow();
    }
}
