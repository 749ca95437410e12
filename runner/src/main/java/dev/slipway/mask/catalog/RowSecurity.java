package dev.slipway.mask.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Row-level security on the reading side: a reader that policies would filter fails instead of copying (or verifying)
 * a subset of a table's rows. Policies themselves arrive with the schema, after the rows.
 */
public final class RowSecurity {

    /** SQLSTATE of "query would be affected by row-level security policy" (with {@code row_security} off). */
    static final String FILTERED_BY_POLICY = "42501";

    private RowSecurity() {
    }

    /** Turns off row-level security for {@code c}'s reads, so a policy that would hide rows fails the read instead. */
    public static void noHiddenRows(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET row_security = off");
        }
    }

    /** The hint for a read that row-level security would have filtered; empty for other failures. */
    public static String hint(SQLException e) {
        return FILTERED_BY_POLICY.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("row-level security")
                ? "; the user reading it is subject to row-level security, so some rows would be hidden: read as a "
                + "role with BYPASSRLS (or as the table's owner, unless its row-level security is forced)" : "";
    }
}
