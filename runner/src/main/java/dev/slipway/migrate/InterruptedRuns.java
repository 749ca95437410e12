package dev.slipway.migrate;

import dev.slipway.audit.RunLog;
import dev.slipway.audit.RunningRun;
import dev.slipway.audit.WriterSession;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records as {@code interrupted} the runs a killed process left {@code running}. A run holds its writer lock on a
 * session of the target for as long as it goes on, so a run whose session is gone from the target's server is dead.
 * A run whose session is still there, whose session cannot be seen (another user's, without pg_read_all_stats), or
 * that ran on another server (or before this one restarted) is left alone: it may still be going elsewhere.
 */
final class InterruptedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedRuns.class);

    /** A session seen on the server: its backend start is {@code null} when the viewer may not see it. */
    record Seen(int pid, Instant backendStart) {
    }

    private InterruptedRuns() {
    }

    /** The runs among {@code running} whose writer session, on the server started at {@code serverStarted}, is gone. */
    static List<RunningRun> dead(List<RunningRun> running, Instant serverStarted, List<Seen> sessions) {
        return running.stream().filter(r -> r.writer() != null && r.writer().serverStarted().equals(serverStarted)
                && sessions.stream().noneMatch(s -> maybeSame(s, r.writer()))).toList();
    }

    private static boolean maybeSame(Seen s, WriterSession w) {
        return s.pid() == w.pid() && (s.backendStart() == null || Objects.equals(s.backendStart(), w.backendStart()));
    }

    /**
     * Looks at the runs {@code log} records as running, other than {@code self} (may be null), and records the dead ones on
     * {@code target}'s server as interrupted. Best effort: a failure is logged and changes nothing else.
     *
     * @return how many runs were recorded as interrupted
     */
    static int sweep(RunLog log, UUID self, Connection target) {
        try {
            List<RunningRun> running = log.running(self);
            if (running.isEmpty()) {
                return 0;
            }
            int n = 0;
            for (RunningRun r : dead(running, serverStarted(target), sessions(target, running))) {
                String why = "interrupted: the process that ran it stopped without recording an end (killed, or its "
                        + "host or connection died); its writer lock session (pid " + r.writer().pid() + " since "
                        + r.writer().backendStart() + ") is gone from the target. Found at " + Instant.now()
                        + "; slipway status shows what it applied";
                if (log.interrupt(r.id(), why)) {
                    LOG.warn("run {} (started {} on {} against {}) was left running by a process that is gone: "
                            + "recorded as interrupted", r.id(), r.startedAt(), r.host(), r.target());
                    n++;
                }
            }
            return n;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot check for runs a killed process left running: {}", e.getMessage());
            return 0;
        }
    }

    private static Instant serverStarted(Connection target) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT pg_postmaster_start_time()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    private static List<Seen> sessions(Connection target, List<RunningRun> running) throws SQLException {
        Integer[] pids = running.stream().filter(r -> r.writer() != null).map(r -> r.writer().pid())
                .toArray(Integer[]::new);
        Array array = target.createArrayOf("int4", pids);
        try (PreparedStatement ps = target.prepareStatement(
                "SELECT pid, backend_start FROM pg_stat_activity WHERE pid = ANY (?)")) {
            ps.setArray(1, array);
            List<Seen> seen = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.add(new Seen(rs.getInt(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()));
                }
            }
            return seen;
        } finally {
            array.free();
        }
    }
}
