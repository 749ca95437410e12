package dev.slipway.migrate;

import dev.slipway.config.Durations;
import dev.slipway.config.MigrationSettings;
import java.util.List;

/** Builds the final error of a migration that kept failing on locks. */
final class LockFailures {

    private LockFailures() {
    }

    static MigrationFailedException exhausted(MigrationFailedException last, int attempts,
                                              List<BlockingSession> blockers, MigrationSettings settings,
                                              boolean notRetryable) {
        String why = notRetryable
                ? (last.committedAt() != null ? "it had committed part of its work itself"
                   : "it ran outside a transaction and statements before the blocked one had already run")
                  + ", so it is not retried"
                : "gave up after " + attempts + (attempts == 1 ? " try" : " tries") + " (retry policy: at most "
                  + settings.retry().maxAttempts() + " tries within " + Durations.format(settings.retry().maxTotal()) + ")";
        String who = blockers.isEmpty()
                ? "no blocking session was seen while it waited (a deadlock, or a lock released just before the check)"
                : "blocked by " + BlockingSession.describeAll(blockers);
        String todo = notRetryable
                ? "End or wait for the blocking sessions, then finish or undo its work by hand"
                : "End or wait for the blocking sessions, then run again";
        return last.withDetail(". Lock wait limited by lock_timeout " + Durations.format(settings.lockTimeout())
                + "; " + why + "; " + who + ". " + todo);
    }
}
