package dev.slipway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which time a webhook's news about a pull request is ordered by. */
class PullRequestUpdateTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void takesTheForgesTimeWhenItIsNotLaterThanTheDelivery() {
        Instant earlier = RECEIVED.minusSeconds(5);

        assertThat(PullRequestUpdate.eventTime(earlier, RECEIVED)).isEqualTo(earlier);
        assertThat(PullRequestUpdate.eventTime(RECEIVED, RECEIVED)).isEqualTo(RECEIVED);
    }

    @Test
    void aTimeInTheFutureOrNoTimeIsTheTimeOfReceipt() {
        assertThat(PullRequestUpdate.eventTime(Instant.parse("2099-01-01T00:00:00Z"), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(PullRequestUpdate.eventTime(RECEIVED.plusMillis(1), RECEIVED)).isEqualTo(RECEIVED);
        assertThat(PullRequestUpdate.eventTime(null, RECEIVED)).isEqualTo(RECEIVED);
    }
}
