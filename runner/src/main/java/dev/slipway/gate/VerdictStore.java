package dev.slipway.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.cli.Json;
import dev.slipway.db.ConnectionPool;
import dev.slipway.migrate.RunContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Verdicts, holds and gate events in Slipway's state schema ({@code slipway.gate_*}), so the evidence outlives the
 * hook Job that asked for it. The schema must be current ({@code RunLog.ensureSchema}). Thread-safe.
 */
public final class VerdictStore {

    private static final String VERDICT_COLUMNS = "id, environment, commit_sha, evaluated_at, outcome, unknown_passes, "
            + "checks::text, duration_ms, inputs::text, source";

    /** A stored verdict, with what its checks looked at and who asked. */
    public record Stored(Verdict verdict, Map<String, Object> inputs, String source) {
    }

    private final ConnectionPool pool;

    public VerdictStore(ConnectionPool pool) {
        this.pool = pool;
    }

    /** Keeps {@code e}; {@code source} is {@code cli} or {@code api}. */
    public void save(GateEvaluator.Evaluation e, String source) {
        Verdict v = e.verdict();
        call("record verdict " + v.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO slipway.gate_verdicts (id, environment, commit_sha, outcome, unknown_passes, evaluated_at,
                      duration_ms, source, actor, host, slipway_version, checks, inputs)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")) {
                bind(ps, v.id(), v.environment(), v.commit(), v.outcome().name(), v.unknownPasses(),
                        Timestamp.from(v.evaluatedAt()), v.durationMs(), source, RunContext.actor(), RunContext.host(),
                        RunContext.slipwayVersion(), Json.MAPPER.writeValueAsString(v.checks()),
                        Json.MAPPER.writeValueAsString(e.inputs()));
                return ps.executeUpdate();
            } catch (JsonProcessingException ex) {
                throw new SQLException("cannot write the verdict as JSON: " + ex.getMessage(), ex);
            }
        });
    }

    public Optional<Stored> find(UUID id) {
        return call("read verdict " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERDICT_COLUMNS
                    + " FROM slipway.gate_verdicts WHERE id = ?")) {
                ps.setObject(1, id);
                return first(ps);
            }
        });
    }

    /** The newest verdict for {@code commit} in {@code environment}. */
    public Optional<Stored> latest(String environment, String commit) {
        return call("read the last verdict of " + environment, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VERDICT_COLUMNS + " FROM slipway.gate_verdicts "
                    + "WHERE environment = ? AND commit_sha = ? ORDER BY evaluated_at DESC LIMIT 1")) {
                bind(ps, environment, commit);
                return first(ps);
            }
        });
    }

    public Optional<Hold> hold(String environment) {
        return call("read the hold on " + environment, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT environment, reason, held_by, held_at FROM slipway.gate_holds WHERE environment = ?")) {
                ps.setString(1, environment);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Hold(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant())) : Optional.<Hold>empty();
                }
            }
        });
    }

    /** Holds {@code environment} (replacing an earlier hold) and records who did and why. */
    public Hold setHold(String environment, String reason, String by) {
        Hold h = new Hold(environment, reason, by, Instant.now());
        call("hold " + environment, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO slipway.gate_holds (environment, reason, held_by, held_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (environment) DO UPDATE SET reason = EXCLUDED.reason, held_by = EXCLUDED.held_by,
                      held_at = EXCLUDED.held_at""")) {
                bind(ps, environment, reason, by, Timestamp.from(h.heldAt()));
                return ps.executeUpdate();
            }
        });
        event("hold", environment, null, null, by, reason);
        return h;
    }

    /** Clears the hold on {@code environment}; false when there was none. */
    public boolean clearHold(String environment, String by) {
        int n = call("clear the hold on " + environment, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slipway.gate_holds WHERE environment = ?")) {
                ps.setString(1, environment);
                return ps.executeUpdate();
            }
        });
        if (n > 0) {
            event("release", environment, null, null, by, null);
        }
        return n > 0;
    }

    /** Records {@code kind} ({@code hold}, {@code release}, {@code migrate-refused}, {@code migrate-forced}). */
    public void event(String kind, String environment, String commit, UUID verdict, String actor, String reason) {
        call("record a gate event for " + environment, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO slipway.gate_events (at, environment, commit_sha, kind, verdict_id, actor, reason)
                    VALUES (now(), ?, ?, ?, ?, ?, ?)""")) {
                bind(ps, environment, commit, kind, verdict, actor, reason);
                return ps.executeUpdate();
            }
        });
    }

    private static Optional<Stored> first(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(stored(rs)) : Optional.empty();
        }
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        try {
            List<CheckResult> checks = Json.MAPPER.readValue(rs.getString(7), new TypeReference<List<CheckResult>>() { });
            Map<String, Object> inputs = Json.MAPPER.readValue(rs.getString(9), new TypeReference<Map<String, Object>>() { });
            Verdict v = new Verdict(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getTimestamp(4).toInstant(), Verdict.Outcome.valueOf(rs.getString(5)), rs.getBoolean(6), checks,
                    rs.getLong(8));
            return new Stored(v, inputs, rs.getString(10));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored verdict is not readable JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }

    private <T> T call(String what, ConnectionPool.Work<T> work) {
        try {
            return pool.with(work);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.STATE_UNAVAILABLE, "cannot " + what + " in Slipway's state database: "
                    + e.getMessage(), e);
        }
    }
}
