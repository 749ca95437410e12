package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final double NO_JITTER = 0.5;

    private static RetryPolicy policy(int maxAttempts, long initialMs, double multiplier, long maxDelayMs,
                                      long maxTotalMs, double jitter) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(initialMs), multiplier, Duration.ofMillis(maxDelayMs),
                Duration.ofMillis(maxTotalMs), jitter);
    }

    private static long delayMs(RetrySchedule schedule, int failedAttempts) {
        return schedule.delayAfter(failedAttempts, Duration.ZERO).orElseThrow().toMillis();
    }

    @Test
    void growsByTheMultiplierFromTheInitialDelay() {
        RetrySchedule schedule = new RetrySchedule(policy(10, 100, 2.0, 60_000, 600_000, 0.2), () -> NO_JITTER);

        assertThat(IntStream.rangeClosed(1, 5).mapToLong(n -> delayMs(schedule, n)))
                .containsExactly(100L, 200L, 400L, 800L, 1600L);
    }

    @Test
    void capsEveryDelayAtMaxDelay() {
        RetrySchedule schedule = new RetrySchedule(policy(10, 1000, 3.0, 5000, 600_000, 0), () -> NO_JITTER);

        assertThat(IntStream.rangeClosed(1, 5).mapToLong(n -> delayMs(schedule, n)))
                .containsExactly(1000L, 3000L, 5000L, 5000L, 5000L);
    }

    @Test
    void jitterMovesTheDelayByAtMostItsFractionEitherWay() {
        RetryPolicy policy = policy(10, 1000, 2.0, 60_000, 600_000, 0.2);

        assertThat(delayMs(new RetrySchedule(policy, () -> 0.0), 1)).isEqualTo(800);
        assertThat(delayMs(new RetrySchedule(policy, () -> 0.999_999), 1)).isEqualTo(1200);
        RetrySchedule random = new RetrySchedule(policy, ThreadLocalRandom.current()::nextDouble);
        assertThat(IntStream.range(0, 1000).mapToLong(i -> delayMs(random, 2))).allSatisfy(
                ms -> assertThat(ms).isBetween(1600L, 2400L));
    }

    @Test
    void jitterAlsoAppliesToTheCappedDelay() {
        RetrySchedule low = new RetrySchedule(policy(10, 1000, 2.0, 3000, 600_000, 0.1), () -> 0.0);

        assertThat(delayMs(low, 6)).isEqualTo(2700);
    }

    @Test
    void givesUpAfterMaxAttempts() {
        RetrySchedule schedule = new RetrySchedule(policy(3, 100, 2.0, 1000, 600_000, 0), () -> NO_JITTER);

        assertThat(schedule.delayAfter(2, Duration.ZERO)).isPresent();
        assertThat(schedule.delayAfter(3, Duration.ZERO)).isEmpty();
        assertThat(schedule.delayAfter(4, Duration.ZERO)).isEmpty();
    }

    @Test
    void givesUpWhenTheNextWaitWouldEndPastMaxTotal() {
        RetrySchedule schedule = new RetrySchedule(policy(10, 100, 1.0, 1000, 1000, 0), () -> NO_JITTER);

        assertThat(schedule.delayAfter(1, Duration.ofMillis(900))).contains(Duration.ofMillis(100));
        assertThat(schedule.delayAfter(1, Duration.ofMillis(901))).isEmpty();
    }

    @Test
    void aPolicyOfNoneNeverRetries() {
        assertThat(new RetrySchedule(RetryPolicy.none(), () -> NO_JITTER).delayAfter(1, Duration.ZERO))
                .isEqualTo(Optional.empty());
    }
}
