package dev.slipway.git;

import java.util.Objects;

/**
 * A pull request head as the mirror last fetched it.
 *
 * @param id      the number, e.g. {@code 42}, or for {@link RefLayout#BRANCH_PREFIX} the branch name after the
 *                prefix, verbatim: it may hold quotes, {@code $} or any Unicode letter, so it is data, never part of
 *                a command
 * @param headSha the full commit id the ref points at
 * @param ref     the full ref name on the remote, e.g. {@code refs/pull/42/head}
 */
public record OpenPullRequest(String id, String headSha, String ref) {

    public OpenPullRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(ref, "ref");
    }
}
