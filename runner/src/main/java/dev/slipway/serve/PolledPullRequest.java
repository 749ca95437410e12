package dev.slipway.serve;

/** A pull request a Git poll found: its id and head commit. */
public record PolledPullRequest(String id, String headSha) {
}
