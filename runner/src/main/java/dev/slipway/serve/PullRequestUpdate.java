package dev.slipway.serve;

import dev.slipway.plan.PreviewKey;
import dev.slipway.webhook.PullRequestState;
import java.time.Instant;

/**
 * What a webhook said about a pull request.
 *
 * @param eventAt the forge's time of the change, used to ignore an older event that arrives late; never later than
 *                when the delivery was received (see {@link #eventTime})
 * @param source  {@code github}, {@code gitlab} or {@code gitea}
 */
public record PullRequestUpdate(PreviewKey key, String headSha, String branch, PullRequestState state,
                                Instant eventAt, String source) {

    /**
     * The time to order a delivery by: the forge's {@code updated_at}, or the time it was received when the payload
     * has none or names a time after it was received. A time in the future cannot be the time of a change that
     * happened; taken as it is, it would make every later, genuine event look older and be ignored.
     */
    public static Instant eventTime(Instant forgeTime, Instant received) {
        return forgeTime == null || forgeTime.isAfter(received) ? received : forgeTime;
    }
}
