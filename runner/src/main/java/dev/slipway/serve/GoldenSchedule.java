package dev.slipway.serve;

import dev.slipway.SlipwayException;
import dev.slipway.env.kube.GoldenRefresh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The golden refresh on its timer: only the leader refreshes, and only when the newest golden is older than the
 * configured interval; a failed refresh is logged and tried again on the next tick, the previous golden staying in
 * use. Without a refresh configured it does nothing. Called from one timer thread.
 */
public final class GoldenSchedule {

    private static final Logger LOG = LoggerFactory.getLogger(GoldenSchedule.class);

    private final GoldenRefresh refresh;
    private final Leadership leadership;

    /** @param refresh {@code null} when {@code serve.previews.kubernetes.refresh} is not configured */
    public GoldenSchedule(GoldenRefresh refresh, Leadership leadership) {
        this.refresh = refresh;
        this.leadership = leadership;
    }

    public void check() {
        if (refresh == null || !leadership.isLeader()) {
            return;
        }
        try {
            refresh.refreshIfDue().ifPresent(r -> LOG.info("golden refreshed: {}; pruned {}", r.snapshot(), r.pruned()));
        } catch (SlipwayException e) {
            LOG.error("golden refresh failed, the previous golden stays in use: {}", e.getMessage());
        }
    }
}
