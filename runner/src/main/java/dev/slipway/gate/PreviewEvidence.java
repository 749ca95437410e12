package dev.slipway.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.db.ConnectionPool;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, in the audit log, which migrations ran successfully on a preview: a step that succeeded, with the same name
 * and checksum, in a successful (not dry) run whose commit a preview build of {@code serve} was building and whose
 * target was that preview's database. Thread-safe.
 */
public final class PreviewEvidence {

    private static final String SQL = """
            SELECT DISTINCT s.migration, s.checksum FROM slipway.run_steps s JOIN slipway.runs r ON r.id = s.run_id
            WHERE s.outcome = 'succeeded' AND r.outcome = 'succeeded' AND NOT r.dry_run AND s.migration = ANY (?)
              AND EXISTS (SELECT 1 FROM slipway.preview_runs p
                          WHERE p.head_sha = r.commit_sha AND position(p.preview IN r.target) > 0)""";

    /**
     * The newest traced measurement of each migration on a preview: the {@code traces} entry (see
     * {@link dev.slipway.lint.MigrationTrace}) of serve's newest finished build whose commit ran that migration, with
     * the same checksum, on that build's preview.
     */
    private static final String TRACES = """
            SELECT DISTINCT ON (w.migration) w.migration, t.value::text
            FROM unnest(?::text[], ?::text[]) AS w(migration, checksum)
            JOIN slipway.preview_runs p ON p.state IN ('succeeded', 'failed') AND p.detail IS NOT NULL
            CROSS JOIN LATERAL jsonb_array_elements(COALESCE(p.detail -> 'lint' -> 'traces', '[]'::jsonb)) t
            WHERE t.value ->> 'migration' = w.migration
              AND EXISTS (SELECT 1 FROM slipway.runs r JOIN slipway.run_steps s ON s.run_id = r.id
                          WHERE r.commit_sha = p.head_sha AND position(p.preview IN r.target) > 0
                            AND s.migration = w.migration AND s.checksum IS NOT DISTINCT FROM w.checksum)
            ORDER BY w.migration, p.finished_at DESC NULLS LAST, p.started_at DESC""";

    /** A migration as identified in the audit log. */
    public record Step(String migration, String checksum) {
    }

    private final ConnectionPool state;

    public PreviewEvidence(ConnectionPool state) {
        this.state = state;
    }

    /** The newest traced measurement (JSON) of each of {@code wanted} on a preview; those never traced are absent. */
    public Map<Step, JsonNode> traced(List<Step> wanted) throws SQLException {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        return state.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(TRACES)) {
                ps.setArray(1, c.createArrayOf("text", wanted.stream().map(Step::migration).toArray()));
                ps.setArray(2, c.createArrayOf("text", wanted.stream().map(Step::checksum).toArray()));
                Map<String, JsonNode> byName = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byName.put(rs.getString(1), Json.MAPPER.readTree(rs.getString(2)));
                    }
                } catch (JsonProcessingException e) {
                    throw new SQLException("a preview build's traced measurement is not JSON: " + e.getOriginalMessage(), e);
                }
                Map<Step, JsonNode> out = new LinkedHashMap<>();
                wanted.stream().filter(w -> byName.containsKey(w.migration()))
                        .forEach(w -> out.put(w, byName.get(w.migration())));
                return out;
            }
        });
    }

    /** Those of {@code wanted} that ran successfully on some preview. */
    public Set<Step> ranOnPreview(List<Step> wanted) throws SQLException {
        if (wanted.isEmpty()) {
            return Set.of();
        }
        return state.with(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                Array names = c.createArrayOf("text", wanted.stream().map(Step::migration).toArray());
                ps.setArray(1, names);
                Set<Step> found = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Step(rs.getString(1), rs.getString(2)));
                    }
                }
                found.retainAll(Set.copyOf(wanted));
                return found;
            }
        });
    }
}
