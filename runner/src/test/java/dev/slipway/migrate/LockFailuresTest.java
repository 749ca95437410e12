package dev.slipway.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.MigrationSettings;
import dev.slipway.config.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockFailuresTest {

    private static final MigrationSettings SETTINGS = MigrationSettings.DEFAULT.withLockTimeout(Duration.ofSeconds(2))
            .withRetry(new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), Duration.ofMinutes(2), 0.2));
    private static final BlockingSession BLOCKER = new BlockingSession(4242, "app", "report-job", "10.0.0.7",
            "idle in transaction", "LOCK TABLE accounts\n   IN ACCESS SHARE MODE", Duration.ofMillis(12_300));

    private static MigrationFailedException blocked() {
        return MigrationFailedException.of("V3__note.sql", "V3__note.sql", 2, "55P03", "ALTER TABLE accounts ADD c int",
                true, "canceling statement due to lock timeout", null);
    }

    @Test
    void namesTheMigrationTheBlockerAndTheRetryPolicy() {
        MigrationFailedException e = LockFailures.exhausted(blocked(), 5, List.of(BLOCKER), SETTINGS, false);

        assertThat(e.getMessage()).contains("V3__note.sql:2", "lock_timeout 2s", "gave up after 5 tries",
                "at most 5 tries within 2m", "pid 4242", "report-job", "idle in transaction for 12.3s",
                "LOCK TABLE accounts IN ACCESS SHARE MODE", "End or wait for the blocking sessions");
        assertThat(e.code()).isEqualTo(blocked().code());
    }

    @Test
    void saysWhenNoBlockerWasSeen() {
        MigrationFailedException e = LockFailures.exhausted(blocked(), 1, List.of(), SETTINGS, false);

        assertThat(e.getMessage()).contains("gave up after 1 try", "no blocking session was seen");
    }

    @Test
    void saysWhyAPartlyAppliedMigrationIsNotRetried() {
        MigrationFailedException e = LockFailures.exhausted(blocked(), 1, List.of(BLOCKER), SETTINGS, true);

        assertThat(e.getMessage()).contains("not retried", "pid 4242", "finish or undo its work by hand")
                .doesNotContain("gave up after", "then run again");
    }

    @Test
    void blockerDescriptionsAreOneShortLine() {
        BlockingSession chatty = new BlockingSession(7, "app", "", "local", "active", "SELECT\n" + "x, ".repeat(100),
                Duration.ofMillis(250));

        assertThat(chatty.describe()).doesNotContain("\n", "application").startsWith("pid 7 (user app, active for 250ms): SELECT x,")
                .endsWith("...").hasSizeLessThan(220);
    }

    @Test
    void theBlockerProbeSamplesSeveralTimesPerLockTimeout() {
        assertThat(BlockerProbe.intervalFor(Duration.ofMillis(300))).isEqualTo(Duration.ofMillis(60));
        assertThat(BlockerProbe.intervalFor(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(50));
        assertThat(BlockerProbe.intervalFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(500));
    }
}
