package dev.slipway.serve;

import dev.slipway.plan.PreviewKey;
import dev.slipway.webhook.PullRequestState;
import java.time.Instant;

/**
 * What a webhook said about a pull request.
 *
 * @param eventAt the forge's time of the change, used to ignore an older event that arrives late
 * @param source  {@code github}, {@code gitlab} or {@code gitea}
 */
public record PullRequestUpdate(PreviewKey key, String headSha, String branch, PullRequestState state,
                                Instant eventAt, String source) {
}
