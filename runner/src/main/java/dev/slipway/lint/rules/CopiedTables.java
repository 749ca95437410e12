package dev.slipway.lint.rules;

import dev.slipway.lint.LintMigration;
import dev.slipway.lint.sql.Statement;
import dev.slipway.mask.catalog.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables the linted migrations leave for {@code slipway mask} to copy, schema-qualified as the catalog spells
 * them, each column with the statement that gave it its current name. Partitions are kept apart: the mask covers them
 * through their root's rule. Tables the migrations did not create appear once a migration adds a column to them or
 * renames them, with only the columns seen ({@link Table#columnsKnown} false). Not thread-safe: one per lint run.
 */
final class CopiedTables {

    /** What gave a table or column its current name. */
    enum Change { CREATED, RENAMED_TABLE, RENAMED_COLUMN, DETACHED, NO_LONGER_GENERATED }

    /**
     * The statement that gave a table or column its current name.
     *
     * @param tableBefore  the table's earlier name, for {@link Change#RENAMED_TABLE}
     * @param columnBefore the column's earlier name, for {@link Change#RENAMED_COLUMN}
     */
    record Origin(LintMigration migration, Statement statement, Change change, TableName tableBefore,
                  String columnBefore) {

        static Origin created(LintMigration migration, Statement statement) {
            return new Origin(migration, statement, Change.CREATED, null, null);
        }

        Origin as(Change change, TableName tableBefore, String columnBefore) {
            return new Origin(migration, statement, change, tableBefore, columnBefore);
        }
    }

    /** A column; a generated one is computed again in the masked copy, not copied, so it needs no rule. */
    record Column(String name, boolean generated, Origin origin) {
    }

    /** A table: its columns in order, its partition root (if a partition), and the tables inheriting from it. */
    static final class Table {
        final Map<String, Column> columns = new LinkedHashMap<>();
        final List<Table> inheritors = new ArrayList<>();
        Table root;
        boolean columnsKnown;
        Origin origin;

        Table(boolean columnsKnown, Origin origin) {
            this.columnsKnown = columnsKnown;
            this.origin = origin;
        }
    }

    /** The schemas {@code slipway mask} never copies: the system's, and Slipway's own (the golden has its own). */
    private static final Set<String> NOT_COPIED = Set.of("pg_catalog", "information_schema", "slipway");

    private final Map<TableName, Table> tables = new LinkedHashMap<>();

    /** Every table {@code slipway mask} would copy under its own rule, by name: partitions and system schemas left out. */
    Map<TableName, Table> copied() {
        Map<TableName, Table> copied = new LinkedHashMap<>();
        tables.forEach((name, t) -> {
            if (t.root == null && isCopied(name.schema())) {
                copied.put(name, t);
            }
        });
        return copied;
    }

    /** Whether {@code slipway mask} copies the tables of the schema (temporary tables live in {@code pg_temp…}). */
    static boolean isCopied(String schema) {
        return !NOT_COPIED.contains(schema) && !schema.startsWith("pg_toast") && !schema.startsWith("pg_temp");
    }

    boolean exists(TableName name) {
        return tables.containsKey(name);
    }

    /** The table, or one with unknown columns when the migrations never created it (it existed before them). */
    Table table(TableName name) {
        return tables.computeIfAbsent(name, n -> new Table(false, null));
    }

    /** A table the statement creates, replacing any table of that name the model still had. */
    Table create(TableName name, boolean columnsKnown, Origin origin) {
        Table t = new Table(columnsKnown, origin);
        tables.put(name, t);
        return t;
    }

    /** A partition of {@code parent}: covered by the rule of its partition tree's root. */
    void createPartition(TableName name, TableName parent, Origin origin) {
        create(name, false, origin).root = rootOf(table(parent));
    }

    /** Adds a column to the table and to every table inheriting from it, as PostgreSQL does. */
    void addColumn(TableName table, String column, boolean generated, Origin origin) {
        for (Table t : family(table(table))) {
            t.columns.putIfAbsent(column, new Column(column, generated, origin));
        }
    }

    void dropColumn(TableName table, String column) {
        family(table(table)).forEach(t -> t.columns.remove(column));
    }

    void renameColumn(TableName table, String from, String to, Origin origin) {
        for (Table t : family(table(table))) {
            Column c = t.columns.remove(from);
            t.columns.put(to, new Column(to, c != null && c.generated(), origin.as(Change.RENAMED_COLUMN, null, from)));
        }
    }

    /** {@code ALTER COLUMN … DROP EXPRESSION}: the column holds its own values from now on, so they are copied. */
    void dropExpression(TableName table, String column, Origin origin) {
        for (Table t : family(table(table))) {
            Column c = t.columns.get(column);
            if (c != null && c.generated()) {
                t.columns.put(column, new Column(column, false, origin.as(Change.NO_LONGER_GENERATED, null, null)));
            }
        }
    }

    /** RENAME TO, SET SCHEMA: every column now goes by the new table name, which needs its own rule. */
    void renameTable(TableName from, TableName to, Origin origin) {
        Table t = table(from);
        tables.remove(from);
        tables.put(to, t);
        Origin renamed = origin.as(Change.RENAMED_TABLE, from, null);
        t.origin = renamed;
        t.columns.replaceAll((name, c) -> new Column(name, c.generated(), renamed));
    }

    /** Drops the table and its partitions; with CASCADE the tables inheriting from it too. */
    void drop(TableName name, boolean cascade) {
        Table t = tables.remove(name);
        if (t != null) {
            List<Table> family = family(t);
            tables.values().removeIf(other -> other.root == t || cascade && family.contains(other));
            tables.values().forEach(other -> other.inheritors.remove(t));
        }
    }

    void dropSchema(String schema) {
        new ArrayList<>(tables.keySet()).stream().filter(n -> n.schema().equals(schema)).forEach(n -> drop(n, true));
    }

    void renameSchema(String from, String to, Origin origin) {
        new ArrayList<>(tables.keySet()).stream().filter(n -> n.schema().equals(from))
                .forEach(n -> renameTable(n, new TableName(to, n.name()), origin));
    }

    /**
     * INHERITS: {@code child} gets {@code parent}'s columns (named by the child's creation, whose table needs its own
     * rule) and every column added to the parent later.
     *
     * @return whether the parent's columns are all known
     */
    boolean inherit(Table child, TableName parent, Origin origin) {
        Table p = table(parent);
        p.inheritors.add(child);
        copyColumns(p, child, true, origin);
        return p.columnsKnown;
    }

    /**
     * LIKE: {@code target} gets a copy of {@code source}'s columns, generated only when {@code withGenerated}
     * (INCLUDING GENERATED); otherwise they become plain columns.
     *
     * @return whether the source's columns are all known
     */
    boolean copyColumns(TableName source, Table target, boolean withGenerated, Origin origin) {
        Table s = table(source);
        copyColumns(s, target, withGenerated, origin);
        return s.columnsKnown;
    }

    private static void copyColumns(Table source, Table target, boolean withGenerated, Origin origin) {
        source.columns.values().forEach(c -> target.columns.putIfAbsent(c.name(),
                new Column(c.name(), withGenerated && c.generated(), origin)));
    }

    /** ATTACH PARTITION: the table becomes a partition, covered by its tree's root. */
    void attach(TableName parent, TableName partition) {
        table(partition).root = rootOf(table(parent));
    }

    /** DETACH PARTITION: the partition becomes a table of its own, with its root's columns, which now need a rule. */
    void detach(TableName partition, Origin origin) {
        Table t = table(partition);
        Table root = t.root;
        t.root = null;
        if (root == null) {
            return;
        }
        Origin detached = origin.as(Change.DETACHED, null, null);
        t.origin = detached;
        t.columnsKnown = root.columnsKnown;
        root.columns.values().forEach(c -> t.columns.put(c.name(), new Column(c.name(), c.generated(), detached)));
    }

    private static Table rootOf(Table t) {
        return t.root == null ? t : t.root;
    }

    /** The table and every table inheriting from it, at any depth. */
    private static List<Table> family(Table t) {
        List<Table> all = new ArrayList<>(List.of(t));
        for (int i = 0; i < all.size(); i++) {
            all.get(i).inheritors.stream().filter(c -> !all.contains(c)).forEach(all::add);
        }
        return all;
    }
}
