package dev.slipway.migrate.backfill;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.SessionTimeouts;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replication lag of the primary's standbys, as seconds a reader of each would be behind: from the primary's
 * {@code pg_stat_replication}, and from each replica named in {@code slipway.yaml} asked itself. On the primary a
 * standby that has replayed everything sent has no lag; one that is behind has the larger of its {@code replay_lag}
 * and the time its replay position has stood still while behind ({@code replay_lag} is only measured when replay
 * moves, so a stalled standby would otherwise look as fresh as its last measurement). A replica asked itself,
 * while it has received WAL it has not replayed, has the larger of {@code now() - pg_last_xact_replay_timestamp()}
 * and the time its replay position has stood still (the timestamp is null until it replays its first commit after
 * starting, and a standby that has replayed nothing since is no less behind).
 *
 * <p>A throttle: it holds while any standby's lag is above {@code max-lag}. A standby that cannot be read (a replica
 * that does not answer) holds too: its lag is unknown, which is not the same as small.
 */
public final class ReplicaLag implements Throttle, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaLag.class);

    private static final String ON_PRIMARY = """
            SELECT coalesce(nullif(application_name, ''), client_addr::text, 'pid ' || pid), state,
                   pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), replay_lsn::text,
                   EXTRACT(EPOCH FROM replay_lag)::float8
            FROM pg_stat_replication""";
    private static final String ON_REPLICA = """
            SELECT pg_is_in_recovery(),
                   coalesce(pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn(), false),
                   pg_last_wal_replay_lsn()::text,
                   EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8""";

    /** A named replica asked itself. */
    public record Replica(String name, ConnectionSpec connection) {
    }

    /**
     * One standby's lag: {@code seconds} is {@code NaN} when it could not be read (then {@code why} says why);
     * {@code behind} when it has WAL to replay (its lag may still be small, or not yet measured).
     */
    public record Observed(String standby, double seconds, boolean behind, String why) {

        static Observed unreadable(String standby, String why) {
            return new Observed(standby, Double.NaN, false, why);
        }
    }

    private final Supplier<Connection> primary;
    private final List<Replica> replicas;
    private final Map<String, Stalled> stalled = new HashMap<>();
    private final Map<String, Connection> open = new HashMap<>();
    private Connection primaryConnection;
    private double last = -1;

    /** @param primary opens a connection to the primary (the database the backfill changes) */
    public ReplicaLag(Supplier<Connection> primary, List<Replica> replicas) {
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
    }

    /** Where a standby's replay position stood still, and since when. */
    private record Stalled(String lsn, long sinceNanos) {
    }

    /** Every standby's lag now; standbys of the primary first, then the named replicas. */
    public List<Observed> observe() {
        List<Observed> all = new ArrayList<>();
        try {
            if (primaryConnection == null || primaryConnection.isClosed()) {
                primaryConnection = primary.get();
            }
            try (Statement st = primaryConnection.createStatement(); ResultSet rs = st.executeQuery(ON_PRIMARY)) {
                long now = System.nanoTime();
                while (rs.next()) {
                    all.add(onPrimary(rs.getString(1), rs.getString(2), rs.getObject(3) == null ? null : rs.getDouble(3),
                            rs.getString(4), rs.getObject(5) == null ? null : rs.getDouble(5), now));
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(primaryConnection);
            primaryConnection = null;
            all.add(Observed.unreadable("primary", "cannot read pg_stat_replication: " + e.getMessage()));
        }
        for (Replica r : replicas) {
            all.add(onReplica(r));
        }
        return all;
    }

    private Observed onPrimary(String name, String state, Double behindBytes, String lsn, Double replayLag, long now) {
        if (behindBytes == null) {
            return Observed.unreadable(name, "standby " + name + " is " + state + " and reports no replay position");
        }
        if (behindBytes <= 0) {
            stalled.remove(name);
            return new Observed(name, 0, false, null);
        }
        return new Observed(name, Math.max(replayLag == null ? 0 : replayLag, standingStill(name, lsn, now)), true, null);
    }

    /** Seconds {@code key}'s replay position has been {@code lsn} while behind, as far as these observations saw. */
    private double standingStill(String key, String lsn, long now) {
        Stalled s = stalled.get(key);
        if (s == null || !s.lsn().equals(lsn)) {
            s = new Stalled(lsn, now);
            stalled.put(key, s);
        }
        return (now - s.sinceNanos()) / 1e9;
    }

    private Observed onReplica(Replica r) {
        try {
            Connection c = open.get(r.name());
            if (c == null || c.isClosed()) {
                c = r.connection().open("slipway-lag", new SessionTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)));
                open.put(r.name(), c);
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ON_REPLICA)) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Observed.unreadable(r.name(), "replica " + r.name() + " is not in recovery (a primary,"
                            + " not a standby): check its URL in slipway.yaml");
                }
                String key = "replica " + r.name();
                if (!rs.getBoolean(2)) {
                    stalled.remove(key);
                    return new Observed(r.name(), 0, false, null);
                }
                double sinceCommit = rs.getObject(4) == null ? 0 : Math.max(0, rs.getDouble(4));
                return new Observed(r.name(), Math.max(sinceCommit, standingStill(key, rs.getString(3),
                        System.nanoTime())), true, null);
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(open.remove(r.name()));
            return Observed.unreadable(r.name(), "cannot read replica " + r.name() + ": " + e.getMessage());
        }
    }

    @Override
    public Optional<Hold> check(BackfillSettings settings) {
        List<Observed> all = observe();
        double max = all.stream().mapToDouble(Observed::seconds).filter(d -> !Double.isNaN(d)).max().orElse(-1);
        last = all.isEmpty() ? -1 : max;
        double limit = settings.maxLag().toMillis() / 1000.0;
        for (Observed o : all) {
            if (Double.isNaN(o.seconds())) {
                return Optional.of(new Hold("lag", "unknown replica lag (" + o.why() + ")"));
            }
        }
        return all.stream().filter(o -> o.seconds() > limit).findFirst().map(o -> new Hold("lag", String.format(
                java.util.Locale.ROOT, "replica lag %.1f s on %s (max-lag %s)", o.seconds(), o.standby(),
                dev.slipway.config.Durations.format(settings.maxLag()))));
    }

    @Override
    public OptionalDouble lagSeconds() {
        return last < 0 ? OptionalDouble.empty() : OptionalDouble.of(last);
    }

    @Override
    public void close() {
        closeQuietly(primaryConnection);
        open.values().forEach(ReplicaLag::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("closing a lag connection: {}", e.getMessage());
        }
    }
}
