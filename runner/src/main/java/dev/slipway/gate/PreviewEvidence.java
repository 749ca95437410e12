package dev.slipway.gate;

import dev.slipway.db.ConnectionPool;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
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

    /** A migration as identified in the audit log. */
    public record Step(String migration, String checksum) {
    }

    private final ConnectionPool state;

    public PreviewEvidence(ConnectionPool state) {
        this.state = state;
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
