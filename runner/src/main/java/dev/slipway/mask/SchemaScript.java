package dev.slipway.mask;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The source's schema as statements, read from its catalog the way pg_dump splits it: what must exist
 * before the rows ({@link #preData}: schemas, extensions, collations, types, sequences, functions, tables,
 * views), what
 * follows them ({@link #postData}: constraints, indexes, triggers, sequence values, materialized view
 * contents, row-level security, policies, comments). Names are schema-qualified and quoted by the server
 * ({@code search_path} is empty while reading). Not covered: ownership, grants, rules, aggregates, range types.
 */
record SchemaScript(List<Ddl> preData, List<Ddl> postData) {

    private static final String SCHEMAS = "SELECT format('CREATE SCHEMA IF NOT EXISTS %I', n.nspname) FROM pg_namespace n "
            + "WHERE " + SourceCatalog.USER_SCHEMAS + " AND "
            + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_namespace", "n.oid") + " ORDER BY 1";

    private static final String EXTENSIONS = "SELECT format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I', "
            + "e.extname, n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
            + "WHERE e.extname <> 'plpgsql' ORDER BY 1";

    /**
     * User-defined collations (a case-insensitive ICU one on an email column is common), before the types and
     * tables that use them. The locale's column differs by version, so it is read through {@code to_jsonb}.
     */
    private static final String COLLATIONS = "SELECT CASE co.collprovider "
            + "WHEN 'i' THEN format('CREATE COLLATION IF NOT EXISTS %I.%I (provider = icu, locale = %L, deterministic = "
            + "%s%s)', n.nspname, co.collname, coalesce(to_jsonb(co) ->> 'colllocale', to_jsonb(co) ->> 'colliculocale', "
            + "co.collcollate), CASE WHEN co.collisdeterministic THEN 'true' ELSE 'false' END, "
            + "CASE WHEN to_jsonb(co) ->> 'collicurules' IS NOT NULL THEN format(', rules = %L', "
            + "to_jsonb(co) ->> 'collicurules') ELSE '' END) "
            + "WHEN 'b' THEN format('CREATE COLLATION IF NOT EXISTS %I.%I (provider = builtin, locale = %L)', n.nspname, "
            + "co.collname, to_jsonb(co) ->> 'colllocale') "
            + "ELSE format('CREATE COLLATION IF NOT EXISTS %I.%I (provider = libc, lc_collate = %L, lc_ctype = %L)', "
            + "n.nspname, co.collname, co.collcollate, co.collctype) END "
            + "FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace WHERE co.collprovider <> 'd' AND "
            + SourceCatalog.USER_SCHEMAS + " AND " + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_collation", "co.oid")
            + " ORDER BY 1";

    private static final String ENUMS = "SELECT format('CREATE TYPE %I.%I AS ENUM (%s)', n.nspname, t.typname, "
            + "(SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e "
            + "WHERE e.enumtypid = t.oid)) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            + "WHERE t.typtype = 'e' AND " + SourceCatalog.USER_SCHEMAS + " AND "
            + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_type", "t.oid");

    private static final String DOMAINS = "SELECT format('CREATE DOMAIN %I.%I AS %s%s%s%s%s', n.nspname, t.typname, "
            + "format_type(t.typbasetype, t.typtypmod), "
            + "CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation THEN (SELECT format(' COLLATE %I.%I', "
            + "cn.nspname, co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace "
            + "WHERE co.oid = t.typcollation) ELSE '' END, "
            + "CASE WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || t.typdefault ELSE '' END, "
            + "CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END, "
            + "coalesce((SELECT string_agg(format(' CONSTRAINT %I %s', c.conname, pg_get_constraintdef(c.oid)), '') "
            + "FROM pg_constraint c WHERE c.contypid = t.oid), '')) "
            + "FROM pg_type t JOIN pg_type b ON b.oid = t.typbasetype JOIN pg_namespace n ON n.oid = t.typnamespace "
            + "WHERE t.typtype = 'd' AND " + SourceCatalog.USER_SCHEMAS + " AND "
            + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_type", "t.oid");

    private static final String COMPOSITES = "SELECT format('CREATE TYPE %I.%I AS (%s)', n.nspname, t.typname, "
            + "(SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum) "
            + "FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)) "
            + "FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' "
            + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + SourceCatalog.USER_SCHEMAS + " AND "
            + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_type", "t.oid");

    /** Sequences except identity columns' (those come with their table). */
    private static final String SEQUENCES = "SELECT format('CREATE SEQUENCE %I.%I AS %s INCREMENT BY %s MINVALUE %s "
            + "MAXVALUE %s START WITH %s CACHE %s%s', n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqincrement, "
            + "s.seqmin, s.seqmax, s.seqstart, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END) "
            + "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE " + SourceCatalog.USER_SCHEMAS + " AND " + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid")
            + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
            + "AND d.deptype = 'i')";

    private static final String FUNCTIONS = "SELECT pg_get_functiondef(p.oid) FROM pg_proc p "
            + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND "
            + SourceCatalog.USER_SCHEMAS + " AND " + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_proc", "p.oid");

    private static final String VIEWS = "SELECT CASE c.relkind WHEN 'v' THEN format('CREATE VIEW %I.%I AS %s', "
            + "n.nspname, c.relname, pg_get_viewdef(c.oid)) ELSE format('CREATE MATERIALIZED VIEW %I.%I AS %s WITH NO DATA', "
            + "n.nspname, c.relname, rtrim(pg_get_viewdef(c.oid), ';')) END FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND "
            + SourceCatalog.USER_SCHEMAS + " AND " + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid");

    /** Reads the schema through {@code c}, whose {@code search_path} must be empty. */
    static SchemaScript read(Connection c) throws SQLException {
        List<Ddl> pre = new ArrayList<>();
        addAll(c, SCHEMAS, "schema", pre);
        addAll(c, EXTENSIONS, "extension", pre);
        addAll(c, COLLATIONS, "collation", pre);
        addAll(c, ENUMS, "enum type", pre);
        addAll(c, DOMAINS, "domain", pre);
        addAll(c, COMPOSITES, "composite type", pre);
        addAll(c, SEQUENCES, "sequence", pre);
        addAll(c, FUNCTIONS, "function", pre);
        pre.addAll(TableDdl.tables(c));
        addAll(c, VIEWS, "view", pre);
        return new SchemaScript(List.copyOf(pre), PostData.read(c));
    }

    static void addAll(Connection c, String sql, String what, List<Ddl> out) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                String ddl = rs.getString(1);
                out.add(Ddl.of(ddl, what + " " + name(ddl)));
            }
        }
    }

    /** A short name for a statement, for messages: its first line, cut. */
    static String name(String ddl) {
        String first = ddl.strip().lines().findFirst().orElse("");
        return first.length() > 100 ? first.substring(0, 100) + "…" : first;
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
