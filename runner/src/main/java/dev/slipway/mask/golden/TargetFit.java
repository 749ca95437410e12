package dev.slipway.mask.golden;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.catalog.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must hold before the target changes for the source's schema to arrive whole: the target server is not older
 * than the source's, has every role that owns, is granted or is named by a policy of the source's objects (or Slipway
 * may create them), every extension and tablespace the source uses; the target user may act as each owner; and the
 * source holds nothing a golden cannot have (large objects, which no rule can mask; foreign servers, user mappings and
 * foreign tables, which would connect the golden to what production connects to). Every problem is listed at once.
 */
public final class TargetFit {

    /** Roles the source database's objects depend on: owners, grantees, policies' roles, default privileges. */
    private static final String ROLES = """
            SELECT DISTINCT r.rolname::text FROM pg_shdepend d JOIN pg_roles r ON r.oid = d.refobjid
            WHERE d.refclassid = 'pg_authid'::regclass
              AND d.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;

    /** What a golden cannot hold, as {@code what}, {@code name}. */
    private static final String UNCOPIABLE = """
            SELECT 'large objects', count(*)::text FROM pg_largeobject_metadata HAVING count(*) > 0
            UNION ALL
            SELECT 'foreign table', format('%I.%I', n.nspname, c.relname) FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'f' AND {schemas}
            UNION ALL
            SELECT 'foreign server', quote_ident(s.srvname) FROM pg_foreign_server s
              WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_foreign_server'::regclass
                AND d.objid = s.oid AND d.deptype = 'e')
            UNION ALL
            SELECT 'user mapping', format('for %s on server %I', m.usename, m.srvname) FROM pg_user_mappings m
            """.replace("{schemas}", SourceCatalog.USER_SCHEMAS);

    private static final String EXTENSIONS = "SELECT extname::text FROM pg_extension WHERE extname <> 'plpgsql'";

    private static final String TABLESPACES = """
            SELECT DISTINCT t.spcname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_tablespace t ON t.oid = c.reltablespace WHERE c.reltablespace <> 0 AND {schemas}
            """.replace("{schemas}", SourceCatalog.USER_SCHEMAS);

    private final Connection source;
    private final Connection target;
    private final String targetUrl;
    private final List<String> problems = new ArrayList<>();

    private TargetFit(Connection source, Connection target, String targetUrl) {
        this.source = source;
        this.target = target;
        this.targetUrl = targetUrl;
    }

    /**
     * Checks the target against the source's needs; with {@code createRoles}, creates missing roles {@code NOLOGIN}.
     *
     * @param owners        roles owning the objects to be created (from pg_dump's table of contents), besides those the
     *                      catalog records
     * @param largeObjects  whether the source's large objects may be left behind (the user said so)
     * @return the roles created
     * @throws SlipwayException {@link ErrorCode#MASK_TARGET_REFUSED} listing every problem; the target is unchanged
     *                          (but for roles created before a later problem was found: the message names them)
     */
    public static List<String> require(Connection source, Connection target, String targetUrl, int sourceMajor, int targetMajor,
                                Collection<String> owners, boolean createRoles, boolean largeObjects)
            throws SQLException {
        TargetFit fit = new TargetFit(source, target, targetUrl);
        if (targetMajor < sourceMajor) {
            fit.problems.add("the target server runs PostgreSQL " + targetMajor + ", older than the source's "
                    + sourceMajor + ": a schema is restored into the same major version or a newer one");
        }
        fit.uncopiable(largeObjects);
        fit.missing(EXTENSIONS, "SELECT name::text FROM pg_available_extensions", "extension",
                "install it on the target server (the package that provides it)");
        fit.missing(TABLESPACES, "SELECT spcname::text FROM pg_tablespace", "tablespace",
                "create it on the target server (CREATE TABLESPACE)");
        fit.eventTriggers();
        Set<String> roles = new TreeSet<>(owners);
        roles.addAll(strings(source, ROLES));
        List<String> created = fit.roles(roles, createRoles);
        if (!fit.problems.isEmpty()) {
            throw new SlipwayException(ErrorCode.MASK_TARGET_REFUSED, "the source's schema cannot be copied whole into "
                    + targetUrl + " (" + fit.problems.size() + " problem" + (fit.problems.size() == 1 ? "" : "s")
                    + "); the target was not changed" + (created.isEmpty() ? "" : " (roles created on its server: "
                    + String.join(", ", created) + ")") + ":\n  " + String.join("\n  ", fit.problems));
        }
        return created;
    }

    /**
     * What the copy leaves behind on purpose, as warnings: the source's subscriptions (a golden must never connect to
     * production) and, when the user allowed it, its large objects.
     */
    public static List<String> leftBehind(Connection source, boolean largeObjects) throws SQLException {
        List<String> warnings = new ArrayList<>();
        long subscriptions = count(source, "SELECT count(*) FROM pg_subscription WHERE subdbid = (SELECT oid FROM "
                + "pg_database WHERE datname = current_database())");
        if (subscriptions > 0) {
            warnings.add("warning: the source's " + subscriptions + " subscription(s) are not copied: a golden must "
                    + "never connect to what the source replicates from");
        }
        long objects = largeObjects ? count(source, "SELECT count(*) FROM pg_largeobject_metadata") : 0;
        if (objects > 0) {
            warnings.add("warning: the source's " + objects + " large object(s) are left behind "
                    + "(--without-large-objects): oid columns that point at them point at nothing in the target");
        }
        return warnings;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void uncopiable(boolean largeObjects) throws SQLException {
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery(UNCOPIABLE)) {
            while (rs.next()) {
                String what = rs.getString(1);
                if (what.equals("large objects")) {
                    if (!largeObjects) {
                        problems.add("the source holds " + rs.getString(2) + " large objects: they live outside every "
                                + "table, so no rule can mask them; move them into bytea columns, or pass "
                                + "--without-large-objects to copy everything else (oid columns then point at nothing)");
                    }
                } else {
                    problems.add(what + " " + rs.getString(2) + ": a golden must not reach what production reaches "
                            + "(user mappings hold passwords); mask a database without foreign data wrappers' objects");
                }
            }
        }
    }

    private void missing(String sourceSql, String targetSql, String what, String fix) throws SQLException {
        Set<String> needed = new TreeSet<>(strings(source, sourceSql));
        needed.removeAll(strings(target, targetSql));
        needed.forEach(n -> problems.add(what + " " + n + " is used by the source but the target server lacks it: "
                + fix));
    }

    private void eventTriggers() throws SQLException {
        List<String> triggers = strings(source, "SELECT evtname::text FROM pg_event_trigger");
        if (!triggers.isEmpty() && !strings(target, "SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper")
                .isEmpty()) {
            return;
        }
        triggers.forEach(t -> problems.add("event trigger " + t + " can only be created by a superuser: connect to the "
                + "target as one"));
    }

    /** Missing roles are created or listed; then every role must be one the target user may act as. */
    private List<String> roles(Set<String> roles, boolean create) throws SQLException {
        Set<String> missing = new TreeSet<>(roles);
        missing.removeAll(existing(roles));
        List<String> created = new ArrayList<>();
        for (String role : missing) {
            if (!create) {
                problems.add("role " + role + " owns or is granted objects of the source, but the target server lacks "
                        + "it: create it there (CREATE ROLE " + Sql.ident(role) + " NOLOGIN will do), or pass "
                        + "--create-missing-roles");
            } else {
                createRole(role, created);
            }
        }
        Set<String> usable = new TreeSet<>(roles);
        usable.removeAll(missing);
        usable.addAll(created);
        try (PreparedStatement ps = target.prepareStatement("SELECT r FROM unnest(?::text[]) r "
                + "WHERE NOT pg_has_role(current_user, r::name, 'MEMBER')")) {
            ps.setArray(1, target.createArrayOf("text", usable.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.add("the target user may not create objects owned by " + rs.getString(1) + ": connect as a "
                            + "superuser, or GRANT " + Sql.ident(rs.getString(1)) + " TO the target user");
                }
            }
        }
        return created;
    }

    private Set<String> existing(Set<String> roles) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement("SELECT rolname::text FROM pg_roles WHERE rolname = ANY (?)")) {
            ps.setArray(1, target.createArrayOf("text", roles.toArray()));
            Set<String> found = new TreeSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        }
    }

    private void createRole(String role, List<String> created) {
        try (Statement st = target.createStatement()) {
            st.execute("CREATE ROLE " + Sql.ident(role) + " NOLOGIN");
            created.add(role);
        } catch (SQLException e) {
            problems.add("cannot create role " + role + " on the target server of " + targetUrl + ": " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + "); give the target user CREATEROLE or create the role yourself");
        }
    }

    public static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
