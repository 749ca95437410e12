package dev.slipway.mask;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Creates constraints, indexes, triggers, sequence values and materialized view contents after the rows.
 * A unique index that cannot be built over masked values is explained: which columns, how many rows share
 * a masked value. No row is ever dropped to make it fit.
 */
final class PostPhase {

    private PostPhase() {
    }

    static void run(Connection target, List<Ddl> statements) throws SQLException {
        try (Statement st = target.createStatement()) {
            for (Ddl d : statements) {
                try {
                    st.execute(d.sql());
                } catch (SQLException e) {
                    throw "23505".equals(e.getSQLState()) && d.unique() ? collision(target, d, e) : failure(d, e);
                }
            }
        }
    }

    private static SlipwayException failure(Ddl d, SQLException e) {
        String hint = switch (String.valueOf(e.getSQLState())) {
            case "23514" -> "; the masked values break this check: choose a transformer whose output satisfies it";
            case "23503" -> "; masked references no longer match: mask both columns with the same transformer and domain";
            default -> "";
        };
        return new SlipwayException(ErrorCode.MASK_FAILED, "cannot create " + d.what() + " in the target: "
                + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")" + hint + "; the target stays marked incomplete", e);
    }

    private static SlipwayException collision(Connection target, Ddl d, SQLException e) throws SQLException {
        String keys = String.join(", ", d.keys());
        String sql = "SELECT count(*), coalesce(sum(n), 0), coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM "
                + d.table().sql() + (d.predicate() == null ? "" : " WHERE " + d.predicate()) + " GROUP BY " + keys
                + " HAVING count(*) > 1) dup";
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new SlipwayException(ErrorCode.MASK_COLLISION, String.format(Locale.ROOT, "the masked values of %s "
                    + "(%s) are no longer unique, so %s cannot be created: %,d rows share %,d masked values (up to %,d rows "
                    + "share one). No row was dropped. Mask a unique column with a transformer whose output stays "
                    + "unique (email, hash with a longer length) or keep it; the target stays marked incomplete",
                    d.table(), keys, d.what(), rs.getLong(2), rs.getLong(1), rs.getLong(3)), e);
        }
    }
}
