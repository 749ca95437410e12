package dev.slipway.mask;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The source's comments, as the last statements of the recreated schema. */
final class Comments {

    /**
     * Comments on what Slipway recreates under the name it had in the source: not on partitions' own indexes,
     * constraints and triggers, which the server names when their root's are made, nor on identity columns'
     * sequences, which come with their table.
     */
    private static final String COMMENTS = """
            SELECT format('COMMENT ON %s IS %L', o.what, d.description), o.what FROM (
              SELECT 'pg_namespace'::regclass AS classoid, n.oid AS objoid, 0 AS objsubid,
                     format('SCHEMA %I', n.nspname) AS what, n.oid AS nsp
              FROM pg_namespace n WHERE n.nspname <> 'public'
              UNION ALL
              SELECT 'pg_class'::regclass, c.oid, 0, format('%s %I.%I', CASE c.relkind WHEN 'v' THEN 'VIEW'
                       WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'i' THEN 'INDEX'
                       WHEN 'I' THEN 'INDEX' ELSE 'TABLE' END, n.nspname, c.relname), n.oid
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'I') OR (c.relkind = 'i' AND NOT c.relispartition)
                 OR (c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass
                     AND i.objid = c.oid AND i.deptype = 'i'))
              UNION ALL
              SELECT 'pg_class'::regclass, c.oid, a.attnum, format('COLUMN %I.%I.%I', n.nspname, c.relname, a.attname),
                     n.oid
              FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')
              UNION ALL
              SELECT 'pg_proc'::regclass, p.oid, 0, format('%s %I.%I(%s)', CASE p.prokind WHEN 'p' THEN 'PROCEDURE'
                       ELSE 'FUNCTION' END, n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), n.oid
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p')
              UNION ALL
              SELECT 'pg_type'::regclass, t.oid, 0, format('%s %I.%I', CASE t.typtype WHEN 'd' THEN 'DOMAIN'
                       ELSE 'TYPE' END, n.nspname, t.typname), n.oid
              FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
              WHERE t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class k
                    WHERE k.oid = t.typrelid AND k.relkind = 'c'))
              UNION ALL
              SELECT 'pg_constraint'::regclass, con.oid, 0, format('CONSTRAINT %I ON %I.%I', con.conname, n.nspname,
                     c.relname), n.oid
              FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE con.conparentid = 0
              UNION ALL
              SELECT 'pg_trigger'::regclass, t.oid, 0, format('TRIGGER %I ON %I.%I', t.tgname, n.nspname, c.relname), n.oid
              FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE NOT t.tgisinternal AND t.tgparentid = 0
              UNION ALL
              SELECT 'pg_policy'::regclass, p.oid, 0, format('POLICY %I ON %I.%I', p.polname, n.nspname, c.relname), n.oid
              FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            ) o
            JOIN pg_description d ON d.classoid = o.classoid AND d.objoid = o.objoid AND d.objsubid = o.objsubid
            JOIN pg_namespace n ON n.oid = o.nsp
            WHERE {schemas} AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = o.classoid
                  AND e.objid = o.objoid AND e.deptype = 'e')
            ORDER BY 2
            """;

    private Comments() {
    }

    /** A {@code COMMENT ON} for each commented object Slipway recreates, outside extensions. */
    static void read(Connection c, List<Ddl> out) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(PostData.sql(COMMENTS))) {
            while (rs.next()) {
                out.add(Ddl.of(rs.getString(1), "comment on " + rs.getString(2)));
            }
        }
    }
}
