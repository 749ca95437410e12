package dev.slipway.db;

import java.time.Duration;

/**
 * The {@code lock_timeout} and {@code statement_timeout} a migrating session runs with. They are set
 * as startup options, so they hold from the first statement on every connection the engines open.
 */
public record SessionTimeouts(Duration lockTimeout, Duration statementTimeout) {

    /** The value of libpq's {@code options} startup parameter that sets both timeouts (in milliseconds). */
    public String asStartupOptions() {
        return "-c lock_timeout=" + lockTimeout.toMillis() + " -c statement_timeout=" + statementTimeout.toMillis();
    }
}
