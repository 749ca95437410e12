package dev.slipway.serve;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every {@link Leadership} keeps the same way: whether this replica leads, in which term, and the callback on
 * each election. Subclasses decide how leadership is won and lost, and call {@link #elected()} and
 * {@link #deposed()}. Thread-safe.
 */
abstract class ElectedLeadership implements Leadership {

    private final String identity;
    private final Runnable onElected;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicLong term = new AtomicLong();

    ElectedLeadership(String identity, Runnable onElected) {
        this.identity = identity;
        this.onElected = onElected;
    }

    @Override
    public final boolean isLeader() {
        return leader.get();
    }

    @Override
    public final long term() {
        return term.get();
    }

    @Override
    public final boolean holds(long term) {
        return leader.get() && this.term.get() == term;
    }

    @Override
    public final String identity() {
        return identity;
    }

    /** Starts a new term and runs the election callback. */
    protected final void elected() {
        term.incrementAndGet();
        leader.set(true);
        onElected.run();
    }

    /** Ends the current term; true when this replica was leading until now. */
    protected final boolean deposed() {
        return leader.getAndSet(false);
    }
}
