package dev.slipway.webhook;

import static dev.slipway.webhook.Deliveries.INTAKE;
import static dev.slipway.webhook.Deliveries.fixture;
import static dev.slipway.webhook.Deliveries.gitea;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gitea's pull request and push deliveries, from {@code webhook/gitea/}. */
class GiteaDeliveriesTest {

    private static final String OPENED_HEAD = "1f3c9d2a7b8e4f60a5d1c2b3e4f5a6b7c8d9e0f1";
    private static final String SYNCED_HEAD = "0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e";

    @Test
    void openedPullRequestIsAccepted() {
        Delivery delivery = INTAKE.receive(gitea("pull_request", fixture("gitea/pull_request-opened.json")));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(delivery.id()).isEqualTo("f6266f16-1bf3-46a5-9ea4-602e06ead473");
        assertThat(delivery.repoEvent()).contains(new PullRequestEvent("shop/billing", 4, "opened", OPENED_HEAD,
                "invoices-partition", "main", PullRequestState.OPEN, List.of("schema"),
                Instant.parse("2025-11-22T08:29:41Z")));
    }

    @Test
    void synchronizedPullRequestCarriesTheNewHead() {
        Delivery delivery = INTAKE.receive(gitea("pull_request", fixture("gitea/pull_request-synchronized.json")));

        assertThat(delivery.result()).isEqualTo(Delivery.Result.ACCEPTED);
        assertThat(GitHubDeliveriesTest.pullRequest(delivery).headSha()).isEqualTo(SYNCED_HEAD);
    }

    @Test
    void closedAndMergedPullRequestIsMerged() {
        Delivery delivery = INTAKE.receive(gitea("pull_request", fixture("gitea/pull_request-closed.json")));

        assertThat(GitHubDeliveriesTest.pullRequest(delivery).state()).isEqualTo(PullRequestState.MERGED);
    }

    @Test
    void pushIsAccepted() {
        Delivery delivery = INTAKE.receive(gitea("push", fixture("gitea/push.json")));

        assertThat(delivery.repoEvent()).contains(new PushEvent("shop/billing", "refs/heads/main",
                "7a1e0c2d3b4f5e6a7b8c9d0e1f2a3b4c5d6e7f80", OPENED_HEAD, false));
    }

    @Test
    void otherEventsAreIgnored() {
        Delivery delivery = INTAKE.receive(gitea("issues", fixture("gitea/push.json")));

        assertThat(delivery.status()).isEqualTo(202);
        assertThat(delivery.result()).isEqualTo(Delivery.Result.IGNORED);
    }
}
