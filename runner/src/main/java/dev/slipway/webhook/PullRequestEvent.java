package dev.slipway.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pull request (GitLab: merge request) was opened, updated, labelled, closed or merged.
 *
 * @param repo      {@code owner/name}; for GitLab the project's {@code path_with_namespace}
 * @param number    the number people see ({@code #12}; GitLab's {@code iid}, not its global id)
 * @param action    the forge's own action word, unchanged ({@code synchronize}, {@code update}, {@code synchronized})
 * @param headSha   the commit at the tip of the source branch
 * @param headRef   the source branch name, unchanged
 * @param baseRef   the target branch name, unchanged
 * @param state     open, closed or merged after this event
 * @param labels    label names, in the forge's order
 * @param updatedAt when the forge last changed the pull request, to put late deliveries in order; null when the
 *                  payload does not say or says it in a form Slipway does not read
 */
public record PullRequestEvent(String repo, int number, String action, String headSha, String headRef,
                               String baseRef, PullRequestState state, List<String> labels, Instant updatedAt)
        implements RepoEvent {

    public PullRequestEvent {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(state, "state");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** An event whose payload did not say when the pull request was last changed. */
    public PullRequestEvent(String repo, int number, String action, String headSha, String headRef, String baseRef,
                            PullRequestState state, List<String> labels) {
        this(repo, number, action, headSha, headRef, baseRef, state, labels, null);
    }
}
