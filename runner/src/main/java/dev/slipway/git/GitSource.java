package dev.slipway.git;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.lib.Repository;

/**
 * The watched repository and where to mirror it. Validated on construction; {@link #toString()} and every
 * message built from it show the URL with its userinfo redacted and never the token.
 *
 * @param url          {@code https://…}, {@code ssh://…}, {@code git@host:path}, {@code file://…} or a local path
 * @param token        {@code null}, or a token sent as the HTTP(S) password (user {@code oauth2} for
 *                     {@link RefLayout#GITLAB}, otherwise {@code x-access-token}, unless the URL names a user);
 *                     ignored for other URLs
 * @param layout       where the forge keeps pull request heads
 * @param branchPrefix for {@link RefLayout#BRANCH_PREFIX} only: the prefix of preview branches, e.g. {@code preview/}
 * @param baseBranch   the branch pull requests merge into, e.g. {@code main}
 * @param cacheDir     the bare mirror: created when missing or empty, reused when it holds one
 * @param timeout      the transport's I/O timeout, rounded up to whole seconds
 */
public record GitSource(String url, String token, RefLayout layout, String branchPrefix, String baseBranch,
        Path cacheDir, Duration timeout) {

    public GitSource {
        if (url == null || url.isBlank()) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "git source: url is empty; expected an https:// URL "
                    + "or a local path of the repository to watch");
        }
        String shown = GitUrls.redact(url);
        require(layout != null, shown, "layout is missing; expected one of GITHUB, GITLAB, BRANCH_PREFIX");
        require(baseBranch != null && Repository.isValidRefName("refs/heads/" + baseBranch), shown,
                "baseBranch '" + baseBranch + "' is not a valid branch name; expected e.g. main");
        require(cacheDir != null, shown, "cacheDir is missing; expected a folder for the local mirror");
        require(timeout != null && timeout.compareTo(Duration.ofSeconds(1)) >= 0, shown,
                "timeout " + timeout + " is too short; expected at least one second, e.g. PT30S");
        if (layout == RefLayout.BRANCH_PREFIX) {
            requirePrefix(shown, branchPrefix, baseBranch);
        }
    }

    /** The URL as it may be printed: userinfo replaced by {@code ***}. */
    public String redactedUrl() {
        return GitUrls.redact(url);
    }

    /** The remote ref of the base branch, e.g. {@code refs/heads/main}. */
    String baseRef() {
        return "refs/heads/" + baseBranch;
    }

    /** {@link #timeout()} in whole seconds, rounded up, as JGit's transports take it. */
    int timeoutSeconds() {
        long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    @Override
    public String toString() {
        return "GitSource[url=" + redactedUrl() + ", token=" + (token == null ? "none" : "***") + ", layout=" + layout
                + ", branchPrefix=" + branchPrefix + ", baseBranch=" + baseBranch + ", cacheDir=" + cacheDir
                + ", timeout=" + timeout + "]";
    }

    private static void requirePrefix(String shown, String prefix, String baseBranch) {
        require(prefix != null && !prefix.isEmpty() && !prefix.contains("*")
                && Repository.isValidRefName("refs/heads/" + prefix + "x"), shown,
                "branchPrefix '" + prefix + "' is not a usable branch prefix; expected e.g. preview/");
        require(!baseBranch.startsWith(prefix), shown, "baseBranch '" + baseBranch + "' starts with branchPrefix '"
                + prefix + "', so it would be listed as a pull request; choose a prefix such as preview/");
    }

    private static void require(boolean ok, String shownUrl, String problem) {
        if (!ok) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "git source " + shownUrl + ": " + problem);
        }
    }
}
