package dev.slipway.audit;

import java.time.Instant;

/**
 * The session on the target that holds a migrate run's writer lock, for as long as the run goes on. The server's
 * start time tells which server instance it was on; pid and backend start tell the session apart from a later one
 * that reuses the pid.
 *
 * @param systemIdentifier {@code pg_control_system()}'s system_identifier of the target's server: the same across its
 *                         restarts (initdb sets it; a physical standby made from it shares it); {@code null} when the
 *                         user may not read it
 */
public record WriterSession(int pid, Instant backendStart, Instant serverStarted, Long systemIdentifier) {
}
