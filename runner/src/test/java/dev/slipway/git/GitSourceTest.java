package dev.slipway.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitSourceTest {

    private static final String TOKEN = "glpat-s3cr3t";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://github.com/acme/shop.git                 | https://github.com/acme/shop.git
            https://x-access-token:ghs_abc@github.com/a/b.git | https://***@github.com/a/b.git
            https://ghp_tokenAsUser@github.com/a/b.git       | https://***@github.com/a/b.git
            https://bot:p@ss/w@rd@gitlab.example/a/b.git     | https://***@gitlab.example/a/b.git
            ssh://git@github.com:22/acme/shop.git            | ssh://***@github.com:22/acme/shop.git
            git@github.com:acme/shop.git                     | ***@github.com:acme/shop.git
            /srv/git/team@work/shop.git                      | /srv/git/team@work/shop.git
            file:///srv/git/shop.git                         | file:///srv/git/shop.git
            """)
    void redactsUserInfoOfEveryUrlForm(String url, String shown) {
        assertThat(source(url, null).redactedUrl()).isEqualTo(shown);
    }

    @Test
    void toStringShowsNeitherTokenNorPassword() {
        GitSource source = source("https://bot:hunter2@gitlab.example/a/b.git", TOKEN);

        assertThat(source.toString()).contains("https://***@gitlab.example/a/b.git", "token=***")
                .doesNotContain("hunter2", TOKEN);
    }

    @Test
    void scrubbedMessagesLoseTheTokenAndQuotedUserInfo() {
        GitSource source = source("https://bot:hunter2@gitlab.example/a/b.git", TOKEN);
        String message = "https://bot@gitlab.example/a/b.git: not authorized for " + TOKEN + " at "
                + source.url();

        assertThat(GitUrls.scrub(message, source)).isEqualTo("https://***@gitlab.example/a/b.git: not authorized for"
                + " *** at https://***@gitlab.example/a/b.git");
    }

    @Test
    void branchPrefixLayoutNeedsAPrefixThatLeavesTheBaseBranchOut() {
        assertInvalid(() -> new GitSource("/srv/a.git", null, RefLayout.BRANCH_PREFIX, null, "main", Path.of("c"),
                Duration.ofSeconds(5)), "branchPrefix 'null'");
        assertInvalid(() -> new GitSource("/srv/a.git", null, RefLayout.BRANCH_PREFIX, "pre*", "main", Path.of("c"),
                Duration.ofSeconds(5)), "branchPrefix 'pre*'");
        assertInvalid(() -> new GitSource("/srv/a.git", null, RefLayout.BRANCH_PREFIX, "ma", "main", Path.of("c"),
                Duration.ofSeconds(5)), "starts with branchPrefix 'ma'");
    }

    @Test
    void refusesMissingOrInvalidSettingsNamingTheRedactedUrl() {
        assertInvalid(() -> new GitSource(" ", null, RefLayout.GITHUB, null, "main", Path.of("c"),
                Duration.ofSeconds(5)), "url is empty");
        assertInvalid(() -> new GitSource("https://u:pw@h/a.git", null, RefLayout.GITHUB, null, "ma in",
                Path.of("c"), Duration.ofSeconds(5)), "git source https://***@h/a.git: baseBranch 'ma in'");
        assertInvalid(() -> new GitSource("/srv/a.git", null, RefLayout.GITHUB, null, "main", Path.of("c"),
                Duration.ofMillis(500)), "timeout PT0.5S is too short");
    }

    @Test
    void timeoutRoundsUpToWholeSeconds() {
        GitSource source = new GitSource("/srv/a.git", null, RefLayout.GITLAB, null, "main", Path.of("c"),
                Duration.ofMillis(2_100));

        assertThat(source.timeoutSeconds()).isEqualTo(3);
        assertThat(source.baseRef()).isEqualTo("refs/heads/main");
    }

    private static GitSource source(String url, String token) {
        return new GitSource(url, token, RefLayout.GITHUB, null, "main", Path.of("cache"), Duration.ofSeconds(30));
    }

    private static void assertInvalid(Runnable construct, String fragment) {
        assertThatThrownBy(construct::run).isInstanceOfSatisfying(SlipwayException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
            assertThat(e.getMessage()).contains(fragment).doesNotContain("pw@");
        });
    }
}
