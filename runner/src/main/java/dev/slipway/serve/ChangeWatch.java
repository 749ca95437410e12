package dev.slipway.serve;

import dev.slipway.SlipwayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the leader notice pull request changes another replica recorded (a webhook that reached a standby):
 * on each check it compares the newest change time in the state database with the last it saw. Called from
 * one timer thread.
 */
public final class ChangeWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatch.class);

    private final StateStore state;
    private final String repo;
    private final Leadership leadership;
    private long seen = Long.MIN_VALUE;
    private long seenTerm;

    public ChangeWatch(StateStore state, String repo, Leadership leadership) {
        this.state = state;
        this.repo = repo;
        this.leadership = leadership;
    }

    /**
     * True when this replica leads and something changed since the last check, or it has just been elected
     * (again): a replica that lost leadership and won it back must not wait for the next resync.
     */
    public boolean check() {
        if (!leadership.isLeader()) {
            return false;
        }
        long term = leadership.term();
        boolean elected = term != seenTerm;
        seenTerm = term;
        try {
            long now = state.lastChange(repo);
            boolean changed = now != seen;
            seen = now;
            return changed || elected;
        } catch (SlipwayException e) {
            LOG.warn("cannot check for pull request changes: {}", e.getMessage());
            return elected;
        }
    }
}
