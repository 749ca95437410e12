package dev.slipway.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits out a duration of the benchmark's own timeline (warm-up, sampling window), spurious wake-ups included. */
public final class Pause {

    private Pause() {
    }

    public static void of(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
