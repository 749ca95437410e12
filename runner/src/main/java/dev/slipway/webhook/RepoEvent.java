package dev.slipway.webhook;

/** Something that happened in a repository that Slipway may act on. */
public sealed interface RepoEvent permits PullRequestEvent, PushEvent, PingEvent {

    /** The repository as {@code owner/name}; GitLab's {@code path_with_namespace}, which may have subgroups. */
    String repo();
}
