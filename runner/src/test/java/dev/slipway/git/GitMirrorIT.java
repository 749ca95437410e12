package dev.slipway.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Fetching: which pull requests the mirror lists, for each layout, as a user pushes with the git command line. */
class GitMirrorIT {

    @RegisterExtension
    final GitRepoFixture repo = new GitRepoFixture();

    @TempDir
    Path temp;

    @Test
    void githubLayoutListsPullRequestHeadsInNumericOrderButNotMergeRefs() throws IOException {
        String base = repo.pushMain();
        String one = repo.pullRequest("refs/pull/1/head", "V2__one.sql");
        String two = repo.pullRequest("refs/pull/2/head", "V2__two.sql");
        repo.push("refs/pull/10/head");
        repo.push("refs/pull/3/merge");
        repo.push("refs/pull/abc/head");

        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            FetchResult result = mirror.fetch();

            assertThat(result.baseSha()).isEqualTo(base);
            assertThat(result.open()).containsExactly(pr("1", one, "refs/pull/1/head"),
                    pr("2", two, "refs/pull/2/head"), pr("10", two, "refs/pull/10/head"));
            assertThat(result.merged()).isEmpty();
            assertThat(repo.refs(repo.cache())).doesNotContain("refs/pull/3/merge");
        }
    }

    @Test
    void aNewPushToAPullRequestShowsItsNewHeadAfterFetch() throws IOException {
        repo.pushMain();
        repo.pullRequest("refs/pull/2/head", "V2__two.sql");
        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            mirror.fetch();
            String amended = repo.commit("migrations/flyway/V3__more.sql", "select 3;\n");
            repo.push("refs/pull/2/head");

            assertThat(mirror.fetch().open()).containsExactly(pr("2", amended, "refs/pull/2/head"));
        }
    }

    @Test
    void aPullRequestMergedIntoTheBaseBranchMovesToMerged() throws IOException {
        repo.pushMain();
        String one = repo.pullRequest("refs/pull/1/head", "V2__one.sql");
        String two = repo.pullRequest("refs/pull/2/head", "V2__two.sql");
        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            assertThat(mirror.fetch().open()).hasSize(2);
            repo.git("checkout", "-q", "main");
            repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1", one);
            repo.push("refs/heads/main");

            FetchResult result = mirror.fetch();

            assertThat(result.baseSha()).isEqualTo(repo.git("rev-parse", "HEAD"));
            assertThat(result.merged()).containsExactly(pr("1", one, "refs/pull/1/head"));
            assertThat(result.open()).containsExactly(pr("2", two, "refs/pull/2/head"));
        }
    }

    @Test
    void gitlabLayoutListsMergeRequestHeadsOnly() throws IOException {
        repo.pushMain();
        String five = repo.pullRequest("refs/merge-requests/5/head", "V2__five.sql");
        repo.push("refs/merge-requests/5/merge");
        repo.push("refs/pull/1/head");

        try (GitMirror mirror = repo.mirror(RefLayout.GITLAB, null)) {
            assertThat(mirror.fetch().open()).containsExactly(pr("5", five, "refs/merge-requests/5/head"));
            assertThat(repo.refs(repo.cache())).containsExactlyInAnyOrder("refs/heads/main",
                    "refs/merge-requests/5/head");
        }
    }

    @Test
    void branchPrefixLayoutPassesBranchNamesThroughVerbatim() throws IOException {
        String longName = longUnicodeName();
        String quoted = "it's-\"quoted\"-$HOME-`id`";
        repo.pushMain();
        repo.push("refs/heads/feature/not-a-preview");
        String unicode = repo.pullRequest("refs/heads/preview/" + longName, "V2__unicode.sql");
        String quotes = repo.pullRequest("refs/heads/preview/" + quoted, "V2__quoted.sql");

        try (GitMirror mirror = repo.mirror(RefLayout.BRANCH_PREFIX, "preview/")) {
            assertThat(mirror.fetch().open()).containsExactly(pr(quoted, quotes, "refs/heads/preview/" + quoted),
                    pr(longName, unicode, "refs/heads/preview/" + longName));
        }
    }

    @Test
    void aBranchDeletedOnTheRemoteIsGoneAfterFetch() throws IOException {
        repo.pushMain();
        repo.pullRequest("refs/heads/preview/gone", "V2__gone.sql");
        String kept = repo.pullRequest("refs/heads/preview/kept", "V2__kept.sql");
        try (GitMirror mirror = repo.mirror(RefLayout.BRANCH_PREFIX, "preview/")) {
            assertThat(mirror.fetch().open()).extracting(OpenPullRequest::id).containsExactly("gone", "kept");
            repo.deleteRemote("refs/heads/preview/gone");

            assertThat(mirror.fetch().open()).containsExactly(pr("kept", kept, "refs/heads/preview/kept"));
            assertThat(repo.refs(repo.cache())).doesNotContain("refs/heads/preview/gone");
        }
    }

    @Test
    void aMissingBaseBranchGivesNoBaseShaAndEveryPullRequestOpen() throws IOException {
        repo.pushMain();
        String one = repo.pullRequest("refs/pull/1/head", "V2__one.sql");
        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            assertThat(mirror.fetch().baseSha()).isNotNull();
            repo.setDefaultBranch("topic");
            repo.deleteRemote("refs/heads/main");

            FetchResult result = mirror.fetch();

            assertThat(result.baseSha()).isNull();
            assertThat(result.open()).containsExactly(pr("1", one, "refs/pull/1/head"));
            assertThat(repo.refs(repo.cache())).doesNotContain("refs/heads/main");
        }
    }

    @Test
    void aSecondMirrorOnTheSameCacheSeesThePreviousFetch() throws IOException {
        String base = repo.pushMain();
        String one = repo.pullRequest("refs/pull/1/head", "V2__one.sql");
        String fileUrl = repo.origin().toUri().toString();
        try (GitMirror mirror = GitMirror.open(repo.source(fileUrl, null, RefLayout.GITHUB, null))) {
            assertThat(mirror.fetch().open()).hasSize(1);
        }

        try (GitMirror reopened = repo.mirror(RefLayout.GITHUB, null)) {
            assertThat(reopened.exists(base)).isTrue();
            assertThat(reopened.exists(one)).isTrue();
            assertThat(GitRepoFixture.files(reopened.extract(one, "migrations", temp.resolve("out"))))
                    .containsExactlyInAnyOrder("flyway/V1__init.sql", "flyway/V2__one.sql");
        }
    }

    @Test
    void aCacheDirHoldingSomethingElseIsRefused() throws IOException {
        Files.writeString(Files.createDirectories(repo.cache()).resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> repo.mirror(RefLayout.GITHUB, null)).isInstanceOfSatisfying(SlipwayException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("cacheDir " + repo.cache(), "neither empty nor a bare Git");
                });
    }

    @Test
    void readersRunWhileFetchesMoveTheRefs() throws IOException {
        String base = repo.pushMain();
        try (GitMirror mirror = repo.mirror(RefLayout.GITHUB, null)) {
            mirror.fetch();
            CompletableFuture<Void> fetches = CompletableFuture.runAsync(() -> fetchNewHeads(mirror, 5));
            for (int i = 0; !fetches.isDone() || i < 3; i++) {
                Path dir = mirror.extract(base, "migrations/flyway", temp.resolve("read-" + i % 2));
                assertThat(GitRepoFixture.files(dir)).containsExactly("V1__init.sql");
            }
            fetches.join();
            assertThat(mirror.fetch().open()).hasSize(5);
        }
    }

    private void fetchNewHeads(GitMirror mirror, int count) {
        try {
            for (int n = 1; n <= count; n++) {
                repo.pullRequest("refs/pull/" + n + "/head", "V2__pr" + n + ".sql");
                assertThat(mirror.fetch().open()).hasSize(n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OpenPullRequest pr(String id, String sha, String ref) {
        return new OpenPullRequest(id, sha, ref);
    }

    /** 200 characters from five scripts, yet short enough in UTF-8 (about 230 bytes) to be one file name. */
    private static String longUnicodeName() {
        String name = "Ünïcødé-Ελληνικά-Кириллица-漢字-ÆØÅ" + "x".repeat(200);
        return name.substring(0, 200);
    }
}
