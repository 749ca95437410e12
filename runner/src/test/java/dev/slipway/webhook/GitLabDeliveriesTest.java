package dev.slipway.webhook;

import static dev.slipway.webhook.Deliveries.INTAKE;
import static dev.slipway.webhook.Deliveries.edited;
import static dev.slipway.webhook.Deliveries.fixture;
import static dev.slipway.webhook.Deliveries.gitlab;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GitLab's merge request and push hooks, from {@code webhook/gitlab/}. */
class GitLabDeliveriesTest {

    private static final String REPO = "shop/backend/orders-service";
    private static final String HEAD = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";

    @Test
    void openedMergeRequestIsAcceptedWithIidBranchesAndLabels() {
        Delivery delivery = INTAKE.receive(gitlab("Merge Request Hook", fixture("gitlab/merge_request-open.json")));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(delivery.id()).isEqualTo("13792a34-cac6-4fda-95a8-c58e00a3954e");
        assertThat(delivery.action()).isEqualTo("open");
        assertThat(delivery.repoEvent()).contains(new PullRequestEvent(REPO, 17, "open", HEAD,
                "feature/orders-customer-idx", "main", PullRequestState.OPEN, List.of("schema", "slipway:preview"),
                Instant.parse("2025-11-20T10:12:31Z")));
    }

    @Test
    void mergedMergeRequestIsMerged() {
        Delivery delivery = INTAKE.receive(gitlab("Merge Request Hook", fixture("gitlab/merge_request-merge.json")));

        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(GitHubDeliveriesTest.pullRequest(delivery).state()).isEqualTo(PullRequestState.MERGED);
    }

    @Test
    void approvalsAreIgnored() {
        Delivery delivery = INTAKE.receive(gitlab("Merge Request Hook",
                fixture("gitlab/merge_request-approved.json")));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.IGNORED);
        assertThat(GitHubDeliveriesTest.pullRequest(delivery).labels()).isEmpty();
    }

    @Test
    void refusesAnUnknownMergeRequestState() {
        byte[] body = edited("gitlab/merge_request-open.json",
                root -> ((ObjectNode) root.get("object_attributes")).put("state", "frozen"));

        Delivery delivery = INTAKE.receive(gitlab("Merge Request Hook", body));

        assertThat(delivery.status()).isEqualTo(400);
        assertThat(delivery.reason()).contains("object_attributes.state 'frozen'");
    }

    @Test
    void refusesAMergeRequestWithoutLastCommit() {
        byte[] body = edited("gitlab/merge_request-open.json",
                root -> ((ObjectNode) root.get("object_attributes")).remove("last_commit"));

        assertThat(INTAKE.receive(gitlab("Merge Request Hook", body)).reason())
                .isEqualTo("object_attributes.last_commit.id is missing from the Merge Request Hook payload");
    }

    @Test
    void pushIsAccepted() {
        Delivery delivery = INTAKE.receive(gitlab("Push Hook", fixture("gitlab/push.json")));

        assertThat(delivery.repoEvent()).contains(new PushEvent(REPO, "refs/heads/main",
                "95790bf891e76fee5e1747ab589903a6a1f80f22", HEAD, false));
    }

    @Test
    void pushToAllZerosIsADeletion() {
        Delivery delivery = INTAKE.receive(gitlab("Push Hook", fixture("gitlab/push-delete.json")));

        assertThat(delivery.repoEvent()).contains(new PushEvent(REPO, "refs/heads/feature/orders-customer-idx",
                HEAD, "0000000000000000000000000000000000000000", true));
    }

    @Test
    void otherHooksAreIgnored() {
        Delivery delivery = INTAKE.receive(gitlab("Pipeline Hook", fixture("gitlab/push.json")));

        assertThat(delivery.result()).isEqualTo(Delivery.Result.IGNORED);
        assertThat(delivery.reason()).isEqualTo("event Pipeline Hook is not one Slipway acts on");
    }
}
