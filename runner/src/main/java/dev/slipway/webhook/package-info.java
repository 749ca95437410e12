/**
 * Forge webhook intake: verifies that a delivery from GitHub, GitLab or Gitea was signed with the configured
 * secret and turns its JSON into a {@link dev.slipway.webhook.RepoEvent}.
 *
 * <p>Pure code: {@link dev.slipway.webhook.WebhookIntake} takes the headers and bytes an HTTP route received
 * and returns a {@link dev.slipway.webhook.Delivery} that says which status to answer and why. It does no I/O
 * and never throws for bad input, so the route only wires.
 */
package dev.slipway.webhook;
