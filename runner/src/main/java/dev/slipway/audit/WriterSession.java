package dev.slipway.audit;

import java.time.Instant;

/**
 * The session on the target that holds a migrate run's writer lock, for as long as the run goes on. The server's
 * start time tells which server instance it was on; pid and backend start tell the session apart from a later one
 * that reuses the pid.
 */
public record WriterSession(int pid, Instant backendStart, Instant serverStarted) {
}
