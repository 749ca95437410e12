package dev.slipway.mask;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Row-level security: its statements, near the end of the recreated schema (after materialized views are
 * filled, so a forced policy cannot thin them), and the two guards it needs: a reader that policies would
 * filter fails instead of copying a subset, and policies naming roles the target server lacks stop the run
 * before anything in the target changes.
 */
final class RowSecurity {

    /** SQLSTATE of "query would be affected by row-level security policy" (with {@code row_security} off). */
    static final String FILTERED_BY_POLICY = "42501";

    private static final String ROW_SECURITY = """
            SELECT format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', n.nspname, c.relname), c.relrowsecurity,
                   format('ALTER TABLE %I.%I FORCE ROW LEVEL SECURITY', n.nspname, c.relname), c.relforcerowsecurity,
                   format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity) AND {schemas} ORDER BY 5
            """;

    private static final String POLICIES = """
            SELECT format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s%s%s', p.policyname, p.schemaname, p.tablename,
                     p.permissive, p.cmd, (SELECT string_agg(CASE WHEN r = 'public' THEN 'PUBLIC' ELSE quote_ident(r) END,
                     ', ') FROM unnest(p.roles) r), coalesce(' USING (' || p.qual || ')', ''),
                     coalesce(' WITH CHECK (' || p.with_check || ')', '')),
                   format('policy %I on %I.%I', p.policyname, p.schemaname, p.tablename)
            FROM pg_policies p JOIN pg_namespace n ON n.nspname = p.schemaname WHERE {schemas} ORDER BY 2
            """;

    private static final String POLICY_ROLES = """
            SELECT DISTINCT r::text, format('policy %I on %I.%I', p.policyname, p.schemaname, p.tablename)
            FROM pg_policies p JOIN pg_namespace n ON n.nspname = p.schemaname, unnest(p.roles) r
            WHERE r <> 'public' AND {schemas} ORDER BY 1, 2
            """;

    private RowSecurity() {
    }

    /** Row-level security (enabled, forced), then the policies. */
    static void read(Connection c, List<Ddl> out) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PostData.sql(ROW_SECURITY))) {
            while (rs.next()) {
                String table = rs.getString(5);
                if (rs.getBoolean(2)) {
                    out.add(Ddl.of(rs.getString(1), "row-level security on " + table));
                }
                if (rs.getBoolean(4)) {
                    out.add(Ddl.of(rs.getString(3), "forced row-level security on " + table));
                }
            }
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PostData.sql(POLICIES))) {
            while (rs.next()) {
                out.add(Ddl.of(rs.getString(1), rs.getString(2)));
            }
        }
    }

    /**
     * Makes sure the target server has every role the source's policies name: without one the policy could not
     * be created, and a golden without it would let previews pass what production refuses. With {@code create},
     * a missing role is created {@code NOLOGIN} (on the whole server); otherwise the run is refused.
     *
     * @return the roles created
     * @throws SlipwayException {@link ErrorCode#MASK_TARGET_REFUSED} naming each missing role and its policies
     */
    static List<String> requirePolicyRoles(Connection source, Connection target, String targetUrl, boolean create)
            throws SQLException {
        Map<String, List<String>> named = new TreeMap<>();
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(PostData.sql(POLICY_ROLES))) {
            while (rs.next()) {
                named.computeIfAbsent(rs.getString(1), r -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        if (named.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = target.prepareStatement("SELECT rolname::text FROM pg_roles WHERE rolname = ANY (?)")) {
            ps.setArray(1, target.createArrayOf("text", named.keySet().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    named.remove(rs.getString(1));
                }
            }
        }
        if (named.isEmpty()) {
            return List.of();
        }
        if (!create) {
            throw new SlipwayException(ErrorCode.MASK_TARGET_REFUSED, "the target server of " + targetUrl + " lacks "
                    + "roles that the source's row-level security policies name: " + describe(named) + ". Create them "
                    + "there (for example CREATE ROLE name NOLOGIN), or pass --create-missing-roles, and rerun; the "
                    + "target was not changed");
        }
        List<String> created = new ArrayList<>();
        for (String role : named.keySet()) {
            try (Statement st = target.createStatement()) {
                st.execute("CREATE ROLE " + Sql.ident(role) + " NOLOGIN");
                created.add(role);
            } catch (SQLException e) {
                throw new SlipwayException(ErrorCode.MASK_TARGET_REFUSED, "cannot create role " + role + " ("
                        + String.join(", ", named.get(role)) + ") on the target server of " + targetUrl + ": "
                        + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); give the target user CREATEROLE or "
                        + "create the role yourself; the target database was not changed"
                        + (created.isEmpty() ? "" : " (roles created on its server: " + String.join(", ", created) + ")"),
                        e);
            }
        }
        return created;
    }

    private static String describe(Map<String, List<String>> named) {
        return named.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** Turns off row-level security for {@code c}'s reads, so a policy that would hide rows fails the read instead. */
    static void noHiddenRows(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET row_security = off");
        }
    }

    /** The hint for a read that row-level security would have filtered; empty for other failures. */
    static String hint(SQLException e) {
        return FILTERED_BY_POLICY.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("row-level security")
                ? "; the user reading it is subject to row-level security, so some rows would be hidden: read as a "
                + "role with BYPASSRLS (or as the table's owner, unless its row-level security is forced)" : "";
    }
}
