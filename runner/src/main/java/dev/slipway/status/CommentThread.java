package dev.slipway.status;

/**
 * The pull request a comment belongs to.
 *
 * @param repo   the repository as the forge names it: {@code owner/name}, or GitLab's {@code group/sub/name}
 * @param number the pull request's number (GitLab: the merge request's iid)
 */
public record CommentThread(String repo, long number) {

    @Override
    public String toString() {
        return repo + "#" + number;
    }
}
