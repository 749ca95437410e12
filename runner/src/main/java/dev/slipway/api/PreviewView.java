package dev.slipway.api;

import dev.slipway.env.EnvironmentProvider.ConnectionInfo;
import dev.slipway.serve.RunRow;

/**
 * One pull request's preview as the API and the status page show it.
 *
 * @param prState    {@code open}, {@code closed} or {@code merged}; {@code unknown} for a preview whose pull
 *                   request Slipway has no record of
 * @param state      {@code ready}, {@code failed}, {@code building}, {@code queued}, {@code expired},
 *                   {@code blocked}, {@code pending} (wanted, not started yet) or {@code none}
 * @param preview    the database name, {@code null} when none exists
 * @param connection how to connect, {@code null} when no preview exists
 * @param detail     queue position, why it expired or is blocked; {@code null} otherwise
 */
public record PreviewView(String repo, String pr, String branch, String head, String prState, String state,
                          String preview, ConnectionInfo connection, RunRow lastRun, String detail) {
}
