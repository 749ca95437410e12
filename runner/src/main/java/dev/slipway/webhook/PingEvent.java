package dev.slipway.webhook;

/**
 * The forge checks that the webhook works (GitHub sends this when a webhook is created).
 *
 * @param repo {@code owner/name}, or null for an organisation or app webhook
 */
public record PingEvent(String repo) implements RepoEvent {
}
