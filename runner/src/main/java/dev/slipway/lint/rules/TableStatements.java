package dev.slipway.lint.rules;

import dev.slipway.lint.ColumnDefinition;
import dev.slipway.lint.rules.CopiedTables.Origin;
import dev.slipway.lint.rules.CopiedTables.Table;
import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token;
import dev.slipway.lint.sql.Token.Kind;
import dev.slipway.mask.catalog.TableName;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads what a statement does to the tables {@code slipway mask} copies into {@link CopiedTables}: CREATE TABLE (its
 * columns, LIKE, INHERITS, PARTITION OF, OF type, AS), SELECT … INTO, ALTER TABLE (ADD, DROP and RENAME COLUMN, RENAME
 * TO, SET SCHEMA, DROP EXPRESSION, ATTACH and DETACH PARTITION), DROP TABLE, DROP SCHEMA and ALTER SCHEMA … RENAME.
 * Unqualified names resolve to the migration's creation schema, or to {@code pg_temp} for a temporary table the
 * migration created. Not thread-safe: one per lint run; {@link #startMigration} between migrations.
 */
final class TableStatements {

    /** PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1). */
    private static final int MAX_NAME_BYTES = 63;

    private final CopiedTables tables;
    private final Set<String> temporary = new HashSet<>();
    private String schema = SearchPath.DEFAULT;

    TableStatements(CopiedTables tables) {
        this.tables = tables;
    }

    /** A new migration: it cannot count on the session an earlier one left, so the default path, no temporary tables. */
    void startMigration() {
        schema = SearchPath.DEFAULT;
        temporary.clear();
    }

    void setSchema(String schema) {
        this.schema = schema;
    }

    void apply(Statement s, Origin origin) {
        if (s.startsWith("CREATE")) {
            create(s, origin);
        } else if (s.startsWith("ALTER", "TABLE")) {
            alter(AlterTable.parse(s), origin);
        } else if (s.startsWith("DROP", "TABLE")) {
            drop(s);
        } else if (s.startsWith("DROP", "SCHEMA")) {
            Span.of(s).from(2).splitAtCommas().forEach(p -> schemaAt(s, p.from()).ifPresent(tables::dropSchema));
        } else if (s.startsWith("ALTER", "SCHEMA") && s.matchesAt(3, "RENAME", "TO") && s.size() > 5) {
            tables.renameSchema(name(s.token(2)), name(s.token(5)), origin);
        } else if (s.startsWith("SELECT") || s.startsWith("WITH")) {
            selectInto(s, origin);
        }
    }

    private void create(Statement s, Origin origin) {
        int table = s.find(0, "TABLE");
        if (table < 1 || table > 3 || !isPlainTableCreate(s, table)) {
            return;
        }
        boolean temp = s.textOf(1, table).toUpperCase(java.util.Locale.ROOT).contains("TEMP");
        QualifiedName q = QualifiedName.afterModifiers(s, table + 1);
        if (q == null) {
            return;
        }
        if (temp) {
            temporary.add(name(q.name()));
            return;
        }
        TableName name = resolve(q);
        if (s.matchesAt(table + 1, "IF", "NOT", "EXISTS") && tables.exists(name)) {
            return;
        }
        createTable(s, q.next(), name, origin);
    }

    /** {@code CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE}: not FOREIGN, which mask does not copy. */
    private static boolean isPlainTableCreate(Statement s, int table) {
        for (int i = 1; i < table; i++) {
            Token t = s.token(i);
            if (!(t.is("GLOBAL") || t.is("LOCAL") || t.is("TEMP") || t.is("TEMPORARY") || t.is("UNLOGGED"))) {
                return false;
            }
        }
        return true;
    }

    private void createTable(Statement s, int next, TableName name, Origin origin) {
        if (s.matchesAt(next, "PARTITION", "OF")) {
            QualifiedName parent = QualifiedName.at(s, next + 2);
            if (parent != null) {
                tables.createPartition(name, resolve(parent), origin);
            }
        } else if (Span.of(s).from(next).containsAtTop("AS")) {
            createAs(s, next, name, origin);
        } else if (next < s.size() && s.token(next).is(Kind.OPEN_PAREN)) {
            Table t = tables.create(name, true, origin);
            for (Span e : ColumnDefinition.createTableElements(s)) {
                element(e, t, origin);
            }
            inherits(s, Span.of(s).closing(next) + 1, t, origin);
        } else {
            tables.create(name, false, origin);
        }
    }

    /** {@code CREATE TABLE t [(a, b)] AS query}: the columns are known only when listed. */
    private void createAs(Statement s, int next, TableName name, Origin origin) {
        boolean listed = next < s.size() && s.token(next).is(Kind.OPEN_PAREN);
        Table t = tables.create(name, listed, origin);
        if (listed) {
            for (Span c : new Span(s, next + 1, Span.of(s).closing(next)).splitAtCommas()) {
                if (!c.isEmpty() && c.token(c.from()).isIdentifier()) {
                    t.columns.put(name(c.token(c.from())), new CopiedTables.Column(name(c.token(c.from())), false, origin));
                }
            }
        }
    }

    /** One element of CREATE TABLE's list: a column, {@code LIKE source …}, or a table constraint (ignored). */
    private void element(Span e, Table t, Origin origin) {
        Token first = e.token(e.from());
        if (first.is("LIKE")) {
            QualifiedName source = QualifiedName.at(e.statement(), e.from() + 1);
            boolean generated = e.contains("INCLUDING", "GENERATED")
                    || e.contains("INCLUDING", "ALL") && !e.contains("EXCLUDING", "GENERATED");
            t.columnsKnown &= source != null && tables.copyColumns(resolve(source), t, generated, origin);
        } else if (isColumn(first)) {
            String column = name(first);
            t.columns.put(column, new CopiedTables.Column(column, isGenerated(e), origin));
        }
    }

    private void inherits(Statement s, int at, Table t, Origin origin) {
        if (!s.matchesAt(at, "INHERITS") || at + 1 >= s.size()) {
            return;
        }
        for (Span p : new Span(s, at + 2, Span.of(s).closing(at + 1)).splitAtCommas()) {
            QualifiedName parent = QualifiedName.at(s, p.from());
            t.columnsKnown &= parent != null && tables.inherit(t, resolve(parent), origin);
        }
    }

    private static boolean isColumn(Token first) {
        return first.isIdentifier() && !(first.is("CONSTRAINT") || first.is("PRIMARY") || first.is("UNIQUE")
                || first.is("CHECK") || first.is("FOREIGN") || first.is("EXCLUDE"));
    }

    /** {@code GENERATED ALWAYS AS (expr)}: computed, not copied (an identity column, {@code AS IDENTITY}, is copied). */
    private static boolean isGenerated(Span definition) {
        int g = definition.find("GENERATED");
        if (g < 0) {
            return false;
        }
        Statement s = definition.statement();
        int i = s.matchesAt(g + 1, "ALWAYS") ? g + 2 : s.matchesAt(g + 1, "BY", "DEFAULT") ? g + 3 : g + 1;
        return s.matchesAt(i, "AS") && i + 1 < definition.to() && s.token(i + 1).is(Kind.OPEN_PAREN);
    }

    private void alter(AlterTable alter, Origin origin) {
        if (alter == null) {
            return;
        }
        TableName table = resolve(alter.table());
        for (Span a : alter.actions()) {
            if (!a.isEmpty()) {
                action(table, a, origin);
            }
        }
    }

    private void action(TableName table, Span a, Origin origin) {
        Statement s = a.statement();
        QualifiedName column = AlterTable.column(a);
        if (a.startsWith("RENAME")) {
            rename(table, a, origin);
        } else if (a.startsWith("SET", "SCHEMA") && a.to() > a.from() + 2) {
            moveTo(table, new TableName(name(s.token(a.from() + 2)), table.name()), origin);
        } else if (AlterTable.isAddColumn(a) && column != null) {
            tables.addColumn(table, name(column.name()), isGenerated(a), origin);
        } else if (a.startsWith("DROP") && !a.startsWith("DROP", "CONSTRAINT") && column != null) {
            tables.dropColumn(table, name(column.name()));
        } else if (a.startsWith("ALTER") && column != null && a.contains("DROP", "EXPRESSION")) {
            tables.dropExpression(table, name(column.name()), origin);
        } else if (a.startsWith("ATTACH", "PARTITION") || a.startsWith("DETACH", "PARTITION")) {
            QualifiedName partition = QualifiedName.at(s, a.from() + 2);
            if (partition != null && a.startsWith("ATTACH")) {
                tables.attach(table, resolve(partition));
            } else if (partition != null) {
                tables.detach(resolve(partition), origin);
            }
        }
    }

    /** {@code RENAME TO t} (the table keeps its schema), {@code RENAME [COLUMN] a TO b}; not RENAME CONSTRAINT. */
    private void rename(TableName table, Span a, Origin origin) {
        int to = a.find("TO");
        if (to < 0 || to + 1 >= a.to() || !a.token(to + 1).isIdentifier() || a.startsWith("RENAME", "CONSTRAINT")) {
            return;
        }
        String target = name(a.token(to + 1));
        QualifiedName column = AlterTable.column(a);
        if (a.startsWith("RENAME", "TO")) {
            moveTo(table, new TableName(table.schema(), target), origin);
        } else if (column != null) {
            tables.renameColumn(table, name(column.name()), target, origin);
        }
    }

    private void moveTo(TableName from, TableName to, Origin origin) {
        if (!from.equals(to)) {
            tables.renameTable(from, to, origin);
        }
    }

    private void drop(Statement s) {
        boolean cascade = s.contains("CASCADE");
        for (Span part : Span.of(s).from(2).splitAtCommas()) {
            QualifiedName name = QualifiedName.afterModifiers(s, part.from());
            if (name != null) {
                tables.drop(resolve(name), cascade);
            }
        }
    }

    /** {@code SELECT … INTO [UNLOGGED] [TABLE] t FROM …}: a new table whose columns the linter cannot list. */
    private void selectInto(Statement s, Origin origin) {
        Span all = Span.of(s);
        int into = topLevel(s, "INTO");
        if (into < 0 || s.matchesAt(into + 1, "TEMP") || s.matchesAt(into + 1, "TEMPORARY") || all.containsAtTop("INSERT")
                || all.containsAtTop("UPDATE") || all.containsAtTop("DELETE") || all.containsAtTop("MERGE")) {
            return;
        }
        int i = s.matchesAt(into + 1, "UNLOGGED") ? into + 2 : into + 1;
        QualifiedName q = QualifiedName.at(s, s.matchesAt(i, "TABLE") ? i + 1 : i);
        if (q != null) {
            tables.create(resolve(q), false, origin);
        }
    }

    /** The index of the first {@code word} outside parentheses, or -1. */
    private static int topLevel(Statement s, String word) {
        int depth = 0;
        for (int i = 0; i < s.size(); i++) {
            Token t = s.token(i);
            depth += t.is(Kind.OPEN_PAREN) ? 1 : t.is(Kind.CLOSE_PAREN) ? -1 : 0;
            if (depth == 0 && t.is(word)) {
                return i;
            }
        }
        return -1;
    }

    private java.util.Optional<String> schemaAt(Statement s, int i) {
        QualifiedName q = QualifiedName.afterModifiers(s, i);
        return q == null ? java.util.Optional.empty() : java.util.Optional.of(name(q.name()));
    }

    /** The table a name means here: its schema, the migration's creation schema, or pg_temp for its temporary tables. */
    private TableName resolve(QualifiedName q) {
        String table = name(q.name());
        if (q.schema() != null) {
            return new TableName(name(q.schema()), table);
        }
        return new TableName(temporary.contains(table) ? "pg_temp" : schema, table);
    }

    private static String name(Token t) {
        return name(t.identifier());
    }

    /** The name as the catalog keeps it: cut to 63 bytes of UTF-8, never inside a character. */
    static String name(String identifier) {
        if (identifier.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return identifier;
        }
        int end = 0;
        int bytes = 0;
        while (end < identifier.length()) {
            int cp = identifier.codePointAt(end);
            bytes += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                break;
            }
            end += Character.charCount(cp);
        }
        return identifier.substring(0, end);
    }
}
