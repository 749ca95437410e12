package dev.slipway.mask;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows the rows, in pg_restore's order: sequence ownership and values, primary keys and unique
 * constraints, other indexes, check and exclusion constraints, foreign keys, triggers, materialized view
 * contents, then row-level security and its policies ({@link RowSecurity}) and comments ({@link Comments}).
 * Constraints inherited by partitions are created through their root.
 */
final class PostData {

    private static final String SEQUENCE_VALUES = """
            SELECT CASE WHEN dep.refobjid IS NOT NULL AND dep.deptype = 'i'
                     THEN format('SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(%L, %L), %s, %L)',
                       format('%I.%I', tn.nspname, t.relname), a.attname,
                       coalesce(pg_sequence_last_value(c.oid), s.seqstart), pg_sequence_last_value(c.oid) IS NOT NULL)
                     ELSE format('SELECT pg_catalog.setval(%L, %s, %L)', format('%I.%I', n.nspname, c.relname),
                       coalesce(pg_sequence_last_value(c.oid), s.seqstart), pg_sequence_last_value(c.oid) IS NOT NULL)
                   END,
                   CASE WHEN dep.deptype = 'a' THEN format('ALTER SEQUENCE %I.%I OWNED BY %I.%I.%I', n.nspname,
                     c.relname, tn.nspname, t.relname, a.attname) END,
                   format('%I.%I', n.nspname, c.relname)
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                 AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
            LEFT JOIN pg_class t ON t.oid = dep.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
            WHERE {schemas} AND {not-extension}
            """;

    /** Constraints and unique indexes, with the key expressions a collision report groups by. */
    private static final String CONSTRAINTS = """
            SELECT format('ALTER TABLE %s%I.%I ADD CONSTRAINT %I %s', CASE WHEN c.relkind = 'p' THEN '' ELSE 'ONLY ' END,
                     n.nspname, c.relname, con.conname, pg_get_constraintdef(con.oid)),
                   con.contype::text, con.conname::text, n.nspname, c.relname,
                   CASE WHEN con.contype IN ('p', 'u') THEN ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, false)
                     FROM pg_index i, generate_series(1, i.indnkeyatts) k WHERE i.indexrelid = con.conindid ORDER BY k) END,
                   NULL::text
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE con.contype IN ('p', 'u', 'c', 'x', 'f') AND con.conislocal AND con.conparentid = 0
              AND c.relkind IN ('r', 'p') AND {schemas}
            UNION ALL
            SELECT replace(pg_get_indexdef(i.indexrelid), ' ON ONLY ', ' ON '), CASE WHEN i.indisunique THEN 'U' ELSE 'i' END,
                   ic.relname::text, n.nspname, c.relname,
                   CASE WHEN i.indisunique THEN ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, false)
                     FROM generate_series(1, i.indnkeyatts) k ORDER BY k) END,
                   pg_get_expr(i.indpred, i.indrelid)
            FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT ic.relispartition AND c.relkind IN ('r', 'p', 'm') AND {schemas}
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
            """;

    /** Each trigger, and the firing state pg_get_triggerdef leaves out: disabled, replica-only or always. */
    private static final String TRIGGERS = """
            SELECT pg_get_triggerdef(t.oid), t.tgname, n.nspname, c.relname,
                   CASE t.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS' END
                     || format(' TRIGGER %I', t.tgname)
            FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND {schemas}
            """;

    private static final String MATVIEWS = """
            SELECT format('REFRESH MATERIALIZED VIEW %I.%I', n.nspname, c.relname) FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND {schemas}
            """;

    /** Constraint kinds in the order they are created. */
    private static final String ORDER = "puUixcf";

    private PostData() {
    }

    static List<Ddl> read(Connection c) throws SQLException {
        List<Ddl> out = new ArrayList<>();
        sequences(c, out);
        List<List<Ddl>> byKind = new ArrayList<>();
        for (int i = 0; i < ORDER.length(); i++) {
            byKind.add(new ArrayList<>());
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(CONSTRAINTS))) {
            while (rs.next()) {
                String kind = rs.getString(2);
                TableName table = new TableName(rs.getString(4), rs.getString(5));
                String what = (kind.equals("i") || kind.equals("U") ? "index " : "constraint ") + rs.getString(3)
                        + " on " + table;
                byKind.get(ORDER.indexOf(kind)).add(new Ddl(rs.getString(1), what, table,
                        SchemaScript.strings(rs.getArray(6)), rs.getString(7), !kind.equals("f")));
            }
        }
        byKind.forEach(out::addAll);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(TRIGGERS))) {
            while (rs.next()) {
                TableName table = new TableName(rs.getString(3), rs.getString(4));
                out.add(Ddl.of(rs.getString(1), "trigger " + rs.getString(2) + " on " + table));
                if (rs.getString(5) != null) {
                    out.add(Ddl.of("ALTER TABLE " + table.sql() + " " + rs.getString(5), "state of trigger "
                            + rs.getString(2) + " on " + table));
                }
            }
        }
        SchemaScript.addAll(c, sql(MATVIEWS), "materialized view", out);
        RowSecurity.read(c, out);
        Comments.read(c, out);
        return List.copyOf(out);
    }

    private static void sequences(Connection c, List<Ddl> out) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(SEQUENCE_VALUES))) {
            while (rs.next()) {
                if (rs.getString(2) != null) {
                    out.add(Ddl.of(rs.getString(2), "ownership of sequence " + rs.getString(3)));
                }
                out.add(Ddl.of(rs.getString(1), "value of sequence " + rs.getString(3)));
            }
        }
    }

    /** {@code template} with {@code {schemas}} (user schemas) and {@code {not-extension}} (for {@code pg_class c}). */
    static String sql(String template) {
        return template.replace("{schemas}", SourceCatalog.USER_SCHEMAS)
                .replace("{not-extension}", SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid"));
    }
}
