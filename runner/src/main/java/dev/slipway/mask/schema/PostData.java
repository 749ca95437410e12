package dev.slipway.mask.schema;

import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.catalog.TableName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What follows the rows of a catalog copy ({@link CatalogSchema}), in pg_restore's order: sequence ownership, primary
 * keys and unique constraints, other indexes, check and exclusion constraints, foreign keys. The sequences' values
 * and the unique keys (to explain a collision) serve the pg_dump copy too.
 */
public final class PostData {

    private static final String SEQUENCES = """
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

    /** Constraint kinds in the order they are created. */
    private static final String ORDER = "puUixcf";

    private PostData() {
    }

    /** Sequence ownership (a serial column's), then constraints and indexes in the order pg_restore makes them. */
    static List<Ddl> read(Connection c) throws SQLException {
        List<Ddl> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(SEQUENCES))) {
            while (rs.next()) {
                if (rs.getString(2) != null) {
                    out.add(Ddl.of(rs.getString(2), "ownership of sequence " + rs.getString(3)));
                }
            }
        }
        out.addAll(constraints(c));
        return List.copyOf(out);
    }

    /** Constraints and indexes, unique ones with the keys a collision report groups by. */
    static List<Ddl> constraints(Connection c) throws SQLException {
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
                byKind.get(ORDER.indexOf(kind)).add(new Ddl(rs.getString(1), what, table, strings(rs.getArray(6)),
                        rs.getString(7), !kind.equals("f")));
            }
        }
        List<Ddl> out = new ArrayList<>();
        byKind.forEach(out::addAll);
        return out;
    }

    /** The value of every sequence as the snapshot sees it: what pg_dump's data section would set. */
    public static List<Ddl> sequenceValues(Connection c) throws SQLException {
        List<Ddl> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(SEQUENCES))) {
            while (rs.next()) {
                out.add(Ddl.of(rs.getString(1), "value of sequence " + rs.getString(3)));
            }
        }
        return out;
    }

    /** Adds a statement for each row of {@code sql}: the statement, then what it makes. */
    static void addAll(Connection c, String sql, List<Ddl> out) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(Ddl.of(rs.getString(1), rs.getString(2)));
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    /** {@code template} with {@code {schemas}} (user schemas) and {@code {not-extension}} (for {@code pg_class c}). */
    static String sql(String template) {
        return template.replace("{schemas}", SourceCatalog.USER_SCHEMAS)
                .replace("{not-extension}", SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid"));
    }
}
