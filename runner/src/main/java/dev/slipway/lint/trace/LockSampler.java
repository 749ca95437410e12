package dev.slipway.lint.trace;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples another backend's locks from a second connection while a statement that cannot run in a
 * transaction executes: its locks are gone by the time it returns, so they can only be watched.
 * Short-lived locks between two samples are missed; the trace says so.
 */
final class LockSampler implements AutoCloseable {

    static final long INTERVAL_MILLIS = 5;

    private final Connection watcher;
    private final int pid;
    private final HeldLocks locks;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile SQLException failure;
    private volatile long since;
    private volatile int line;

    LockSampler(Connection watcher, int pid, HeldLocks locks) {
        this.watcher = watcher;
        this.pid = pid;
        this.locks = locks;
        this.thread = new Thread(this::loop, "slipway-lock-sampler");
        this.thread.setDaemon(true);
    }

    /** Starts sampling for the statement that starts now at {@code statementLine}. */
    void watch(long startNanos, int statementLine) {
        since = startNanos;
        line = statementLine;
        if (!thread.isAlive()) {
            thread.start();
        }
    }

    private void loop() {
        while (running.get()) {
            try {
                locks.read(watcher, pid, since, line);
                Thread.sleep(INTERVAL_MILLIS);
            } catch (SQLException e) {
                failure = e;
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new SlipwayException(ErrorCode.INTERNAL, "sampling pg_locks during the traced run failed: "
                    + failure.getMessage(), failure);
        }
    }
}
