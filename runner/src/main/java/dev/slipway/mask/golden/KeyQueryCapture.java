package dev.slipway.mask.golden;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The source's busiest statements, from {@code pg_stat_statements}, kept in the golden as key queries
 * ({@code slipway.key_queries}): every preview cloned from the golden has them, and the traced lint explains them
 * before and after a pull request's migrations. Only statement texts are kept, as pg_stat_statements normalises
 * them (constants replaced by {@code $1…}), with their calls and mean time: never a parameter value.
 */
public final class KeyQueryCapture {

    /** The most statements one capture keeps. */
    public static final int MAX = 200;

    /** One captured statement; {@code name} is {@code pgss-<queryid>}, stable across refreshes of the golden. */
    public record Captured(String name, String query, long calls, double meanMillis) {
    }

    private static final Pattern PLANNABLE = Pattern.compile("(?is)\\s*(select|with|insert|update|delete|values|table)\\b.*");
    private static final Pattern OWN = Pattern.compile("(?is).*\\b(slipway\\s*\\.|pg_stat_statements|pg_catalog\\s*\\.|"
            + "information_schema\\s*\\.).*");

    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS slipway.key_queries (
                name        text             PRIMARY KEY,
                query       text             NOT NULL,
                calls       bigint           NOT NULL,
                mean_ms     double precision NOT NULL,
                captured_at timestamptz      NOT NULL DEFAULT now()
            )""";

    private KeyQueryCapture() {
    }

    /**
     * The {@code top} statements of the source's database by total execution time that EXPLAIN can plan.
     *
     * @throws SlipwayException {@link ErrorCode#QUERIES_INVALID} when {@code top} is out of range, the extension is
     *                          not installed in the source database, or its texts cannot be read by this user
     */
    public static List<Captured> read(Connection source, String sourceName, int top) throws SQLException {
        if (top < 1 || top > MAX) {
            throw new SlipwayException(ErrorCode.QUERIES_INVALID, "--key-queries must be between 1 and " + MAX
                    + ", not " + top);
        }
        String schema = extensionSchema(source, sourceName);
        List<Captured> out = new ArrayList<>();
        int hidden = 0;
        String sql = "SELECT queryid, query, calls, mean_exec_time FROM " + quote(schema) + ".pg_stat_statements "
                + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND queryid IS NOT NULL "
                + "ORDER BY total_exec_time DESC LIMIT ?";
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            ps.setInt(1, top * 5);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < top) {
                    String query = rs.getString(2);
                    if (query == null || query.startsWith("<insufficient privilege>")) {
                        hidden++;
                    } else if (keeps(query)) {
                        String text = query.strip();
                        out.add(new Captured("pgss-" + rs.getLong(1), text.endsWith(";")
                                ? text.substring(0, text.length() - 1) : text, rs.getLong(3), rs.getDouble(4)));
                    }
                }
            }
        }
        if (out.isEmpty() && hidden > 0) {
            throw new SlipwayException(ErrorCode.QUERIES_INVALID, "pg_stat_statements of " + sourceName + " shows this "
                    + "user no statement texts (<insufficient privilege>); GRANT pg_read_all_stats TO the mask user, or "
                    + "leave --key-queries out");
        }
        return out;
    }

    /** Whether a statement is one EXPLAIN plans and not one of Slipway's, PostgreSQL's or the extension's own. */
    static boolean keeps(String query) {
        String text = query.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)--.*$", " ").strip();
        text = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        return PLANNABLE.matcher(text).matches() && !OWN.matcher(text).matches() && !text.contains(";");
    }

    /** Replaces the golden's key queries with {@code captured}. */
    public static void write(Connection target, List<Captured> captured) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS slipway");
            st.execute(CREATE);
            st.execute("DELETE FROM slipway.key_queries");
        }
        try (PreparedStatement ps = target.prepareStatement(
                "INSERT INTO slipway.key_queries (name, query, calls, mean_ms) VALUES (?, ?, ?, ?)")) {
            for (Captured c : captured) {
                ps.setString(1, c.name());
                ps.setString(2, c.query());
                ps.setLong(3, c.calls());
                ps.setDouble(4, c.meanMillis());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String extensionSchema(Connection source, String sourceName) throws SQLException {
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_extension e "
                + "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'")) {
            if (rs.next()) {
                return rs.getString(1);
            }
        }
        throw new SlipwayException(ErrorCode.QUERIES_INVALID, "pg_stat_statements is not installed in " + sourceName
                + ": add pg_stat_statements to shared_preload_libraries (a restart) and run CREATE EXTENSION "
                + "pg_stat_statements in that database, or leave --key-queries out");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
