package dev.slipway.mask.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables of the source database that a masked copy concerns, read from the catalog: every ordinary
 * and partitioned table outside the system schemas, Slipway's own {@value #STATE_SCHEMA} schema and
 * extensions. Immutable once read.
 */
public record SourceCatalog(Map<TableName, Table> tables, List<ForeignKey> foreignKeys) {

    public static final String STATE_SCHEMA = "slipway";

    /** Schemas never copied: the system's, and Slipway's own state (the golden has a state schema of its own). */
    public static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema', '" + STATE_SCHEMA + "') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    /** Not created by an extension (those come with CREATE EXTENSION). */
    public static final String NOT_EXTENSION_MEMBER = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '%s'::regclass "
            + "AND d.objid = %s AND d.deptype = 'e')";

    /**
     * One table. {@code kind} is {@code r} (ordinary) or {@code p} (partitioned: holds no rows itself);
     * {@code partitionOf} is the root of the partition tree a partition belongs to, else {@code null};
     * {@code binary} says every column is of a type whose binary COPY format servers of one major version
     * share: a built-in type (arrays too: their format names the element type by oid), an enum, or a domain
     * over one.
     */
    public record Table(TableName name, char kind, TableName partitionOf, List<Column> columns, List<String> primaryKey,
                 long bytes, long estimatedRows, boolean binary) {

        public Column column(String name) {
            return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        }

        public boolean partitioned() {
            return kind == 'p';
        }
    }

    /**
     * One column. {@code baseType} is the type's name after resolving a domain ({@code varchar},
     * {@code jsonb}, ...), {@code category} its {@code pg_type.typcategory}; {@code maxLength} is the
     * character limit of varchar(n)/char(n) columns, else -1.
     */
    public record Column(String name, String type, String baseType, char category, boolean array, boolean notNull,
                  boolean generated, int maxLength) {

        public boolean textual() {
            return category == 'S' && !array;
        }
    }

    /** A foreign key: {@code columns} of {@code table} reference {@code refColumns} of {@code refTable}. */
    public record ForeignKey(String name, TableName table, List<String> columns, TableName refTable, List<String> refColumns) {
    }

    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, c.relkind, c.oid::bigint,
                   CASE WHEN c.relispartition THEN rn.nspname END, CASE WHEN c.relispartition THEN r.relname END,
                   pg_relation_size(c.oid), greatest(c.reltuples, 0)::bigint,
                   a.attname, format_type(a.atttypid, a.atttypmod), bt.typname, bt.typcategory,
                   t.typcategory = 'A' OR bt.typcategory = 'A',
                   a.attnotnull OR (t.typtype = 'd' AND t.typnotnull), a.attgenerated <> '',
                   CASE WHEN bt.typname IN ('varchar', 'bpchar')
                        THEN coalesce(nullif(a.atttypmod, -1), nullif(t.typtypmod, -1), 0) - 4 ELSE -1 END,
                   bt.typsend::oid <> 0 AND bt.typreceive::oid <> 0 AND (bt.typtype = 'e' OR bt.oid < 16384
                     AND (bt.typelem = 0 OR bt.typelem < 16384))
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
            LEFT JOIN pg_class r ON c.relispartition AND r.oid = pg_partition_root(c.oid)
            LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE c.relkind IN ('r', 'p') AND %s AND %s
            ORDER BY n.nspname, c.relname, a.attnum
            """.formatted(USER_SCHEMAS, NOT_EXTENSION_MEMBER.formatted("pg_class", "c.oid"));

    private static final String KEYS = """
            SELECT con.contype, con.conname, n.nspname, c.relname, fn.nspname, f.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.i),
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.i)
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class f ON f.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
            WHERE con.contype IN ('p', 'f') AND con.conislocal AND %s
            """.formatted(USER_SCHEMAS);

    /** Reads the catalog through {@code c} (in the caller's snapshot). */
    public static SourceCatalog read(Connection c) throws SQLException {
        Map<TableName, List<String>> primaryKeys = new LinkedHashMap<>();
        List<ForeignKey> fks = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(KEYS)) {
            while (rs.next()) {
                TableName table = new TableName(rs.getString(3), rs.getString(4));
                List<String> cols = strings(rs.getArray(7));
                if (rs.getString(1).equals("p")) {
                    primaryKeys.put(table, cols);
                } else {
                    fks.add(new ForeignKey(rs.getString(2), table, cols, new TableName(rs.getString(5), rs.getString(6)),
                            strings(rs.getArray(8))));
                }
            }
        }
        return new SourceCatalog(tables(c, primaryKeys), List.copyOf(fks));
    }

    private static Map<TableName, Table> tables(Connection c, Map<TableName, List<String>> primaryKeys)
            throws SQLException {
        Map<TableName, Table> tables = new LinkedHashMap<>();
        Map<TableName, List<Column>> columns = new LinkedHashMap<>();
        Map<TableName, Boolean> binary = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(COLUMNS)) {
            while (rs.next()) {
                TableName name = new TableName(rs.getString(1), rs.getString(2));
                if (!tables.containsKey(name)) {
                    TableName root = rs.getString(5) == null ? null : new TableName(rs.getString(5), rs.getString(6));
                    List<Column> cols = new ArrayList<>();
                    columns.put(name, cols);
                    tables.put(name, new Table(name, rs.getString(3).charAt(0), root, cols,
                            primaryKeys.getOrDefault(name, List.of()), rs.getLong(7), rs.getLong(8), false));
                }
                binary.merge(name, rs.getBoolean(17), Boolean::logicalAnd);
                columns.get(name).add(new Column(rs.getString(9), rs.getString(10), rs.getString(11),
                        rs.getString(12).charAt(0), rs.getBoolean(13), rs.getBoolean(14), rs.getBoolean(15), rs.getInt(16)));
            }
        }
        Map<TableName, Table> frozen = new LinkedHashMap<>();
        tables.forEach((n, t) -> frozen.put(n, new Table(n, t.kind(), t.partitionOf(), List.copyOf(columns.get(n)),
                inheritedKey(t, primaryKeys), t.bytes(), t.estimatedRows(), binary.get(n))));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    /** A partition's primary key is its root's (the constraint is declared there). */
    private static List<String> inheritedKey(Table t, Map<TableName, List<String>> primaryKeys) {
        if (!t.primaryKey().isEmpty() || t.partitionOf() == null) {
            return t.primaryKey();
        }
        return primaryKeys.getOrDefault(t.partitionOf(), List.of());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
