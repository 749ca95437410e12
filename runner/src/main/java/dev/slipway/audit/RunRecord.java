package dev.slipway.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What is known of a run when it starts. The target is the redacted URL: no secret is ever stored.
 *
 * @param writer the session holding the run's writer lock on the target, {@code null} when unknown
 */
public record RunRecord(UUID id, String command, String engine, String engineVersion, String slipwayVersion,
                        String serverVersion, String target, String location, String commit, String actor,
                        String host, boolean dryRun, Duration lockTimeout, Duration statementTimeout,
                        Instant startedAt, WriterSession writer) {
}
