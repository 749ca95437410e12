package dev.slipway.lint.trace;

import dev.slipway.lint.plan.KeyQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The key queries a golden keeps from its source's pg_stat_statements ({@code slipway mask --key-queries}), found in
 * the copy being traced: a preview is a clone of its golden, so it has them too.
 */
final class CapturedQueries {

    /** How findings and reports name where these queries came from. */
    static final String SOURCE = "slipway.key_queries (pg_stat_statements)";

    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    private CapturedQueries() {
    }

    /**
     * The captured queries of the database {@code c} is connected to, busiest first, leaving out those whose text is
     * one of {@code known} (the key queries file's, compared with runs of white space as one); empty when the
     * database has none.
     */
    static List<KeyQuery> read(Connection c, List<KeyQuery> known) throws SQLException {
        Set<String> seen = known.stream().map(q -> normal(q.sql())).collect(Collectors.toSet());
        List<KeyQuery> out = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet exists = st.executeQuery("SELECT to_regclass('slipway.key_queries') IS NOT NULL")) {
                if (!exists.next() || !exists.getBoolean(1)) {
                    return out;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT name, query FROM slipway.key_queries ORDER BY calls DESC, name")) {
                while (rs.next()) {
                    String sql = rs.getString(2);
                    if (seen.add(normal(sql))) {
                        out.add(new KeyQuery(rs.getString(1), sql, parameters(sql), 0));
                    }
                }
            }
        }
        return out;
    }

    private static String normal(String sql) {
        return sql.strip().replaceAll("\\s+", " ").replaceAll(";$", "");
    }

    static int parameters(String sql) {
        int highest = 0;
        Matcher m = PARAMETER.matcher(sql);
        while (m.find()) {
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
        }
        return highest;
    }
}
