package dev.slipway.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.plan.PreviewKey;
import dev.slipway.status.ForgeCommenter;
import dev.slipway.testing.RecordingForge;
import dev.slipway.webhook.Forge;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reports reach the pull request off the build's thread: retried while the forge is down, newest wins. */
class CommentPublisherTest {

    private static final String MARKER = PullRequestReport.marker("slipway/preview");
    private static final CommentPublisher.Retry QUICK = new CommentPublisher.Retry(Duration.ofMillis(20),
            Duration.ofMillis(100), 5);

    @RegisterExtension
    final RecordingForge forge = new RecordingForge();

    private CommentPublisher publisher;

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aForgeThatIsDownForAWhileGetsTheCommentOnceItIsBack() {
        forge.failComments(3);
        publisher = publisher(QUICK);

        publisher.publish(new PreviewKey("o/r", "2"), MARKER + "\nready");

        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.posted() == 1);
        assertThat(forge.comments("o/r#2")).singleElement().satisfies(c -> assertThat(c.body()).endsWith("ready"));
        assertThat(forge.commentRequests()).hasSize(5);
        assertThat(publisher.failures()).isZero();
    }

    @Test
    void aReportWaitingBehindADownForgeIsReplacedByTheNextBuildsNeverSentAfterIt() {
        forge.failComments(2);
        publisher = publisher(QUICK);

        publisher.publish(new PreviewKey("o/r", "2"), MARKER + "\nbuild 1: failed");
        publisher.publish(new PreviewKey("o/r", "2"), MARKER + "\nbuild 2: ready");

        await().atMost(Duration.ofSeconds(10)).until(() -> forge.comments("o/r#2").stream()
                .anyMatch(c -> c.body().endsWith("build 2: ready")));
        java.util.List<String> bodies = forge.commentRequests().stream().map(RecordingForge.Request::body)
                .filter(b -> !b.isEmpty()).toList();
        int firstNewest = bodies.indexOf(bodies.stream().filter(b -> b.contains("build 2")).findFirst().orElseThrow());
        assertThat(bodies.subList(firstNewest, bodies.size())).noneMatch(b -> b.contains("build 1"));
        assertThat(forge.comments("o/r#2")).singleElement().satisfies(c -> assertThat(c.body()).endsWith("build 2: ready"));
    }

    @Test
    void aRefusalIsNotRetriedAndIsCounted() {
        forge.answer(401, "{\"message\":\"Bad credentials\"}");
        publisher = publisher(QUICK);

        publisher.publish(new PreviewKey("o/r", "3"), MARKER + "\nready");

        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.failures() == 1);
        assertThat(forge.commentRequests()).hasSize(1);
        assertThat(publisher.posted()).isZero();
    }

    @Test
    void aForgeDownForGoodIsGivenUpAfterTheLastTry() {
        forge.failComments(100);
        publisher = publisher(new CommentPublisher.Retry(Duration.ofMillis(5), Duration.ofMillis(20), 3));

        publisher.publish(new PreviewKey("o/r", "4"), MARKER + "\nready");

        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.failures() == 1);
        assertThat(forge.commentRequests()).hasSize(3);
    }

    @Test
    void aBranchPreviewHasNoPullRequestToCommentOn() {
        publisher = publisher(QUICK);
        publisher.publish(new PreviewKey("o/r", "feature/nickname"), MARKER + "\nready");
        publisher.publish(new PreviewKey("o/r", "5"), MARKER + "\nready");

        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.posted() == 1);
        assertThat(forge.commentRequests()).allSatisfy(r -> assertThat(r.path()).contains("/issues/5/"));
    }

    private CommentPublisher publisher(CommentPublisher.Retry retry) {
        return new CommentPublisher(ForgeCommenter.of(Forge.GITHUB, forge.uri(""), "token", Duration.ofSeconds(5)),
                MARKER, retry);
    }
}
