package dev.slipway.webhook;

import java.util.Objects;

/**
 * Commits were pushed to a branch or tag, or the ref was deleted.
 *
 * @param ref     the full ref, e.g. {@code refs/heads/main} or {@code refs/tags/v1}
 * @param before  the commit the ref pointed at before (all zeros when the ref was created)
 * @param after   the commit it points at now (all zeros when it was deleted)
 * @param deleted true when the push deleted the ref
 */
public record PushEvent(String repo, String ref, String before, String after, boolean deleted) implements RepoEvent {

    public PushEvent {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(ref, "ref");
    }
}
