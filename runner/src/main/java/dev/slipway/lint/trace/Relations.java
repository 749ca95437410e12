package dev.slipway.lint.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The user tables of a database at one moment (tables, partitioned tables, materialized views): their
 * name, storage file and size. Comparing two snapshots shows which tables a migration rewrote.
 */
record Relations(Map<Long, Relation> byOid) {

    /** One table: its quoted schema-qualified name, its bare name, its relfilenode and its total size (heap, indexes, TOAST). */
    record Relation(long oid, String name, String relname, long relfilenode, long bytes) {
    }

    private static final String QUERY = "SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname), "
            + "c.relname, c.relfilenode, pg_total_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    static Relations read(Connection c) throws SQLException {
        Map<Long, Relation> all = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(QUERY); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.put(rs.getLong(1), new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5)));
            }
        }
        return new Relations(all);
    }

    Relation get(long oid) {
        return byOid.get(oid);
    }

    /** Whether the table existed in this snapshot and has another storage file in {@code after}. */
    boolean rewritten(long oid, Relations after) {
        Relation before = byOid.get(oid);
        Relation now = after.byOid.get(oid);
        return before != null && now != null && before.relfilenode() != now.relfilenode() && now.relfilenode() != 0;
    }
}
