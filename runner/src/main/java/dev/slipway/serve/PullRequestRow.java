package dev.slipway.serve;

import dev.slipway.plan.PreviewKey;
import java.time.Instant;

/** A pull request as the state database holds it. */
public record PullRequestRow(PreviewKey key, String headSha, String branch, String state, Instant headSeenAt,
                             Instant updatedAt, String source) {
}
