package dev.slipway.migrate;

import java.util.List;

/** A try that failed on a lock or deadlock, and the wait before the next one. */
public record RetryEvent(String migration, int attempt, String sqlState, long delayMs, List<BlockingSession> blockers) {
}
