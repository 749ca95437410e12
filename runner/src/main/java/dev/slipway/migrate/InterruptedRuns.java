package dev.slipway.migrate;

import dev.slipway.audit.RunLog;
import dev.slipway.audit.RunningRun;
import dev.slipway.audit.WriterSession;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records as {@code interrupted} the runs a killed process left {@code running}. A run holds its writer lock on a
 * session of the target for as long as it goes on, so a run is dead when its session is gone from the server it was
 * on, or when that server has restarted since (a restart ends every session). The server is told apart across restarts
 * by {@code pg_control_system()}'s system_identifier, which PUBLIC may read on PostgreSQL 13 to 18 unless an
 * administrator revoked it. A run whose session is still there, whose session cannot be seen (another user's, without
 * pg_read_all_stats), that ran on another server, or whose server's identity is unknown (not readable then or now) is
 * left alone: it may still be going elsewhere.
 *
 * <p>A physical standby has its primary's system_identifier: after a failover, a run left {@code running} on the old
 * primary counts as dead on the promoted standby, whose start is later, and it is: whatever it still did went to the
 * old primary, not into this server's history.
 */
final class InterruptedRuns {

    private static final Logger LOG = LoggerFactory.getLogger(InterruptedRuns.class);

    /** A session seen on the server: its backend start is {@code null} when the viewer may not see it. */
    record Seen(int pid, Instant backendStart) {
    }

    /**
     * The target's server as it is now.
     *
     * @param systemIdentifier its system_identifier, {@code null} when the user may not read it
     * @param started          {@code pg_postmaster_start_time()}
     */
    record Server(Long systemIdentifier, Instant started) {
    }

    /** Why a run is dead, for its record. */
    enum Death {
        /** Its writer session is gone from the server instance it was on. */
        SESSION_GONE,
        /** The server it was on has restarted since it started, which ended its session. */
        SERVER_RESTARTED
    }

    private InterruptedRuns() {
    }

    /** The runs among {@code running} that are dead on {@code server}, where {@code sessions} are seen. Pure. */
    static List<RunningRun> dead(List<RunningRun> running, Server server, List<Seen> sessions) {
        return running.stream().filter(r -> death(r, server, sessions) != null).toList();
    }

    /** Why {@code run} is dead on {@code server}, or {@code null} when it may still be going. Pure. */
    static Death death(RunningRun run, Server server, List<Seen> sessions) {
        WriterSession w = run.writer();
        if (w == null) {
            return null;
        }
        if (w.serverStarted().equals(server.started())) {
            return sessions.stream().anyMatch(s -> maybeSame(s, w)) ? null : Death.SESSION_GONE;
        }
        boolean sameServer = w.systemIdentifier() != null && w.systemIdentifier().equals(server.systemIdentifier());
        return sameServer && w.serverStarted().isBefore(server.started()) ? Death.SERVER_RESTARTED : null;
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
            Server server = new Server(systemIdentifier(target), serverStarted(target));
            List<Seen> sessions = sessions(target, running);
            int n = 0;
            for (RunningRun r : dead(running, server, sessions)) {
                if (log.interrupt(r.id(), why(r, death(r, server, sessions), server))) {
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

    private static String why(RunningRun r, Death death, Server server) {
        String gone = death == Death.SERVER_RESTARTED
                ? "the target's server restarted at " + server.started() + ", after it started (its server start "
                        + r.writer().serverStarted() + "), which ended its writer lock session (pid " + r.writer().pid()
                        + ")"
                : "its writer lock session (pid " + r.writer().pid() + " since " + r.writer().backendStart()
                        + ") is gone from the target";
        return "interrupted: the process that ran it stopped without recording an end (killed, or its host or "
                + "connection died); " + gone + ". Found at " + Instant.now() + "; slipway status shows what it applied";
    }

    /**
     * The system_identifier of {@code target}'s server, the same across its restarts; {@code null} when the user may
     * not call {@code pg_control_system()} (asked first, so that no statement fails on the connection).
     */
    static Long systemIdentifier(Connection target) {
        try (Statement st = target.createStatement();
             ResultSet may = st.executeQuery("SELECT has_function_privilege('pg_catalog.pg_control_system()', "
                     + "'EXECUTE')")) {
            if (!may.next() || !may.getBoolean(1)) {
                return null;
            }
            try (ResultSet rs = st.executeQuery("SELECT system_identifier FROM pg_catalog.pg_control_system()")) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            LOG.debug("cannot read the server's system_identifier: {}", e.getMessage());
            return null;
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
