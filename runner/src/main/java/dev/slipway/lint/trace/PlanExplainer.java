package dev.slipway.lint.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.lint.plan.KeyQuery;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;

/**
 * Explains key queries on the scratch copy, without running them ({@code EXPLAIN (FORMAT JSON)}, no ANALYZE).
 * A query with parameters gets its generic plan: {@code EXPLAIN (GENERIC_PLAN)} on PostgreSQL 16 and later; before
 * that, {@code PREPARE} with {@code plan_cache_mode = force_generic_plan} and {@code EXPLAIN EXECUTE} with NULLs,
 * which the generic plan does not look at. Not thread-safe: one connection, in autocommit mode and the simple query
 * protocol ({@link dev.slipway.db.ConnectionSpec#withSimpleQueries()}).
 */
final class PlanExplainer {

    /** A plan ({@code Plan} node of the JSON), or the error that kept the query from planning. */
    record Explained(JsonNode plan, String error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREPARED = "slipway_key_query";

    private final Connection c;
    private final boolean genericPlanOption;

    PlanExplainer(Connection c) throws SQLException {
        this.c = c;
        this.genericPlanOption = c.getMetaData().getDatabaseMajorVersion() >= 16;
    }

    Explained explain(KeyQuery q) {
        try {
            return new Explained(JSON.readTree(json(q)).path(0).path("Plan"), null);
        } catch (SQLException e) {
            return new Explained(null, firstLine(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + ")");
        } catch (IOException e) {
            return new Explained(null, "EXPLAIN printed no JSON: " + e.getMessage());
        }
    }

    private String json(KeyQuery q) throws SQLException {
        if (q.parameters() == 0) {
            return single("EXPLAIN (FORMAT JSON) " + q.sql());
        }
        if (genericPlanOption) {
            return single("EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + q.sql());
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            try {
                s.execute("PREPARE " + PREPARED + " AS " + q.sql());
                try {
                    return single("EXPLAIN (FORMAT JSON) EXECUTE " + PREPARED + "("
                            + String.join(", ", Collections.nCopies(q.parameters(), "NULL")) + ")");
                } finally {
                    s.execute("DEALLOCATE " + PREPARED);
                }
            } finally {
                s.execute("RESET plan_cache_mode");
            }
        }
    }

    /** The query's text is the user's own key query, explained on the throwaway copy only. */
    private String single(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").replaceFirst("^ERROR:\\s*", "");
    }
}
