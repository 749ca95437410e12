package dev.slipway.git;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one fetch saw. {@code open} and {@code merged} are in id order (numbers numerically).
 *
 * @param baseSha   the base branch's head commit, {@code null} when the remote has no such branch
 * @param open      pull request heads not reachable from the base branch
 * @param merged    pull request heads reachable from the base branch: merged, or pushed without a commit of their own
 * @param fetchedAt when the fetch finished
 */
public record FetchResult(String baseSha, List<OpenPullRequest> open, List<OpenPullRequest> merged, Instant fetchedAt) {

    public FetchResult {
        open = List.copyOf(open);
        merged = List.copyOf(merged);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
