package dev.slipway.webhook;

/** Where a pull (merge) request stands after the event. */
public enum PullRequestState {
    OPEN,
    CLOSED,
    MERGED
}
