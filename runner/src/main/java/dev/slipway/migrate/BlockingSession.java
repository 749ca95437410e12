package dev.slipway.migrate;

import java.time.Duration;

/**
 * A session that held a lock a migration waited for, as read from {@code pg_stat_activity}.
 *
 * @param heldFor how long its transaction (or, outside one, its query) had been running when seen
 */
public record BlockingSession(int pid, String user, String application, String client, String state,
                              String query, Duration heldFor) {

    /** One line for messages: {@code pid 4242 (user app, application psql, idle in transaction 12.3s): UPDATE ...}. */
    public String describe() {
        return "pid " + pid + " (user " + user + (application == null || application.isBlank() ? "" : ", application " + application)
                + ", " + state + " for " + dev.slipway.config.Durations.format(heldFor) + "): " + oneLine(query);
    }

    /** Every session of {@code blockers}, described, separated by semicolons. */
    public static String describeAll(java.util.List<BlockingSession> blockers) {
        return blockers.stream().map(BlockingSession::describe).collect(java.util.stream.Collectors.joining("; "));
    }

    private static String oneLine(String q) {
        String s = q == null ? "" : q.replaceAll("\\s+", " ").trim();
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }
}
