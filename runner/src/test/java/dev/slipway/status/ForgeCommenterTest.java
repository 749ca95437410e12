package dev.slipway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.testing.RecordingForge;
import dev.slipway.webhook.Forge;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One comment per pull request, over real HTTP against a stand-in that keeps comments on each forge's own paths:
 * created once, edited after, found again by a fresh commenter (a restarted serve), never duplicated.
 */
class ForgeCommenterTest {

    private static final String TOKEN = "glpat-testtoken-9f1e_never_print";
    private static final String MARKER = "<!-- slipway:preview-report context=slipway/preview -->";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    final RecordingForge forge = new RecordingForge();

    @Test
    void gitHubCreatesTheIssueCommentOnceThenEditsIt() {
        ForgeCommenter github = commenter(Forge.GITHUB, "");
        CommentThread pr = new CommentThread("Codertocat/Hello-World", 2);

        PullRequestCommenter.Posted first = github.upsert(pr, MARKER, MARKER + "\nfailed");
        PullRequestCommenter.Posted second = github.upsert(pr, MARKER, MARKER + "\nready");

        assertThat(first.created()).isTrue();
        assertThat(second).isEqualTo(new PullRequestCommenter.Posted(first.id(), false));
        assertThat(forge.comments("Codertocat/Hello-World#2")).singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo(MARKER + "\nready"));
        assertThat(forge.commentRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /repos/Codertocat/Hello-World/issues/2/comments",
                "POST /repos/Codertocat/Hello-World/issues/2/comments",
                "PATCH /repos/Codertocat/Hello-World/issues/comments/" + first.id());
        assertThat(forge.commentRequests()).allSatisfy(r -> assertThat(r.headers())
                .containsEntry("Authorization", "Bearer " + TOKEN).containsEntry("X-GitHub-Api-Version", "2022-11-28"));
        assertThat(forge.requests()).isEmpty();
    }

    @Test
    void aRestartedServeFindsItsCommentPastOthersOnLaterPages() {
        String thread = "Codertocat/Hello-World#7";
        IntStream.range(0, 150).forEach(i -> forge.seed(thread, "a reviewer's comment " + i, false));
        long mine = commenter(Forge.GITHUB, "").upsert(new CommentThread("Codertocat/Hello-World", 7), MARKER,
                MARKER + "\nbuild 1").id();
        forge.seed(thread, "> " + MARKER + "\n> quoted by a reviewer", false);
        forge.commentRequests().clear();

        PullRequestCommenter.Posted afterRestart = commenter(Forge.GITHUB, "")
                .upsert(new CommentThread("Codertocat/Hello-World", 7), MARKER, MARKER + "\nbuild 2");

        assertThat(afterRestart).isEqualTo(new PullRequestCommenter.Posted(mine, false));
        assertThat(forge.comments(thread)).filteredOn(c -> c.body().startsWith(MARKER)).singleElement()
                .satisfies(c -> assertThat(c.body()).endsWith("build 2"));
        assertThat(forge.commentRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /repos/Codertocat/Hello-World/issues/7/comments", "GET /repos/Codertocat/Hello-World/issues/7/comments",
                "PATCH /repos/Codertocat/Hello-World/issues/comments/" + mine);
    }

    @Test
    void gitLabKeepsOneMergeRequestNoteAndSkipsSystemNotes() {
        String thread = "shop%2Fbackend%2Forders!17";
        forge.seed(thread, MARKER + " (a system note that happens to start like ours)", true);
        ForgeCommenter gitlab = commenter(Forge.GITLAB, "/api/v4");
        CommentThread mr = new CommentThread("shop/backend/orders", 17);

        long id = gitlab.upsert(mr, MARKER, MARKER + "\nfirst").id();
        commenter(Forge.GITLAB, "/api/v4").upsert(mr, MARKER, MARKER + "\nsecond");

        assertThat(forge.comments(thread)).filteredOn(c -> !c.system()).singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo(MARKER + "\nsecond"));
        assertThat(forge.commentRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /api/v4/projects/shop%2Fbackend%2Forders/merge_requests/17/notes",
                "POST /api/v4/projects/shop%2Fbackend%2Forders/merge_requests/17/notes",
                "GET /api/v4/projects/shop%2Fbackend%2Forders/merge_requests/17/notes",
                "PUT /api/v4/projects/shop%2Fbackend%2Forders/merge_requests/17/notes/" + id);
        assertThat(forge.commentRequests()).allSatisfy(r -> assertThat(r.headers()).containsEntry("PRIVATE-TOKEN", TOKEN));
    }

    @Test
    void giteaKeepsOneIssueComment() {
        ForgeCommenter gitea = commenter(Forge.GITEA, "/api/v1");
        CommentThread pr = new CommentThread("org/repo", 8);

        long id = gitea.upsert(pr, MARKER, MARKER + "\nfirst").id();
        commenter(Forge.GITEA, "/api/v1").upsert(pr, MARKER, MARKER + "\nsecond");

        assertThat(forge.comments("org/repo#8")).singleElement()
                .satisfies(c -> assertThat(c.body()).isEqualTo(MARKER + "\nsecond"));
        assertThat(forge.commentRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                "GET /api/v1/repos/org/repo/issues/8/comments", "POST /api/v1/repos/org/repo/issues/8/comments",
                "GET /api/v1/repos/org/repo/issues/8/comments", "PATCH /api/v1/repos/org/repo/issues/comments/" + id);
        assertThat(forge.commentRequests()).allSatisfy(r -> assertThat(r.headers())
                .containsEntry("Authorization", "token " + TOKEN));
    }

    @Test
    void aDeletedCommentIsAddedAgain() {
        ForgeCommenter github = commenter(Forge.GITHUB, "");
        CommentThread pr = new CommentThread("o/r", 3);
        long first = github.upsert(pr, MARKER, MARKER + "\none").id();
        forge.delete(first);

        PullRequestCommenter.Posted again = github.upsert(pr, MARKER, MARKER + "\ntwo");

        assertThat(again.created()).isTrue();
        assertThat(forge.comments("o/r#3")).singleElement().satisfies(c -> assertThat(c.body()).endsWith("two"));
    }

    @Test
    void aForgeThatIsDownIsWorthRetryingAndTheMessageHoldsNoToken() {
        forge.failComments(1);

        assertThatThrownBy(() -> commenter(Forge.GITHUB, "").upsert(new CommentThread("o/r", 4), MARKER, MARKER))
                .isInstanceOfSatisfying(CommentReportException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
                    assertThat(e.getMessage()).contains("GitHub refused to read the comments on o/r#4: HTTP 503",
                            "try again later").doesNotContain(TOKEN);
                });
    }

    @Test
    void aTokenWithoutTheRightIsRefusedForGoodNamingWhatItNeeds() {
        forge.answer(403, "{\"message\":\"Resource not accessible by integration " + TOKEN + "\"}");

        assertThatThrownBy(() -> commenter(Forge.GITHUB, "").upsert(new CommentThread("o/r", 5), MARKER, MARKER))
                .isInstanceOfSatisfying(CommentReportException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("HTTP 403 Resource not accessible by integration ***",
                            "check that the token may comment on pull requests").doesNotContain(TOKEN);
                });
    }

    @Test
    void anUnreachableForgeNamesWhereWithoutTheToken() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ForgeCommenter nowhere = ForgeCommenter.of(Forge.GITEA, java.net.URI.create("http://127.0.0.1:" + port
                + "/api/v1"), TOKEN, TIMEOUT);

        assertThatThrownBy(() -> nowhere.upsert(new CommentThread("o/r", 6), MARKER, MARKER))
                .isInstanceOfSatisfying(CommentReportException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("cannot read the comments on o/r#6 at Gitea http://127.0.0.1:"
                            + port, "could not connect").doesNotContain(TOKEN);
                });
        assertThat(nowhere).asString().contains("token=***").doesNotContain(TOKEN);
    }

    private ForgeCommenter commenter(Forge forge, String path) {
        return ForgeCommenter.of(forge, this.forge.uri(path), TOKEN, TIMEOUT);
    }
}
