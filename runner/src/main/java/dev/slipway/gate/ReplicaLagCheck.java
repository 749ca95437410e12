package dev.slipway.gate;

import dev.slipway.config.Durations;
import dev.slipway.migrate.backfill.ReplicaLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Refuses promotion while a standby of the environment's database lags more than {@code gate.replicaLag}: the lag
 * backfills pause on, measured the same way ({@link ReplicaLag}). A database without standbys passes; a standby whose
 * lag cannot be read is unknown.
 *
 * <p>One look is not enough for a standby that is behind: {@code replay_lag} is only measured when replay moves, so
 * a standby whose replay stopped looks as fresh as its last measurement. While any standby is behind and within the
 * limit, the check watches for up to the limit (at most {@value #WATCH_CAP_SECONDS} s) how long its replay position
 * stands still: it passes as soon as every standby has caught up, and fails once one has stood still longer than the
 * limit.
 */
public final class ReplicaLagCheck implements GateCheck {

    static final String NAME = "replica-lag";
    static final long WATCH_CAP_SECONDS = 30;
    private static final long POLL_MILLIS = 250;

    private final ReplicaLag lag;
    private final Duration max;
    private final List<String> replicas;

    public ReplicaLagCheck(ReplicaLag lag, Duration max, List<String> replicas) {
        this.lag = lag;
        this.max = max;
        this.replicas = List.copyOf(replicas);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object inputs() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("max", Durations.format(max));
        in.put("replicas", replicas);
        return in;
    }

    @Override
    public List<CheckResult> run() {
        try (lag) {
            List<ReplicaLag.Observed> seen = watch();
            String threshold = "≤ " + Durations.format(max);
            if (seen.isEmpty()) {
                return List.of(CheckResult.pass(NAME, "no standbys", threshold, "the primary lists no standby in "
                        + "pg_stat_replication and no replica is configured"));
            }
            List<String> unknown = new ArrayList<>();
            ReplicaLag.Observed worst = null;
            for (ReplicaLag.Observed o : seen) {
                if (Double.isNaN(o.seconds())) {
                    unknown.add(o.why());
                } else if (worst == null || o.seconds() > worst.seconds()) {
                    worst = o;
                }
            }
            double limit = max.toMillis() / 1000.0;
            if (worst != null && worst.seconds() > limit) {
                return List.of(CheckResult.fail(NAME, seconds(worst.seconds()) + " on " + worst.standby(), threshold,
                        "standby " + worst.standby() + " replays " + seconds(worst.seconds()) + " behind the primary: "
                                + "wait for it to catch up before promoting (a migration now would add to its lag)"));
            }
            if (!unknown.isEmpty()) {
                return List.of(CheckResult.unknown(NAME, threshold, String.join("; ", unknown)));
            }
            return List.of(CheckResult.pass(NAME, seconds(worst.seconds()) + " on " + worst.standby(), threshold,
                    seen.size() + (seen.size() == 1 ? " standby" : " standbys") + " within the limit"));
        }
    }

    /** Observations until none is behind, one is over the limit, or the watch is over. */
    private List<ReplicaLag.Observed> watch() {
        double limit = max.toMillis() / 1000.0;
        long until = System.nanoTime() + Math.min(max.toMillis() + 2 * POLL_MILLIS, WATCH_CAP_SECONDS * 1000) * 1_000_000;
        List<ReplicaLag.Observed> seen = lag.observe();
        while (seen.stream().anyMatch(ReplicaLag.Observed::behind)
                && seen.stream().noneMatch(o -> o.seconds() > limit) && System.nanoTime() < until) {
            LockSupport.parkNanos(POLL_MILLIS * 1_000_000);
            seen = lag.observe();
        }
        return seen;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
