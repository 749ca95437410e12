package dev.slipway.lint;

import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.ColumnType;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the linted migrations themselves say about the schema, built statement by statement across
 * migrations: the columns and types of the tables they create, which index belongs to which table,
 * and which {@code CHECK (c IS NOT NULL)} constraints are validated. Rules use it where the SQL text of
 * one statement is not enough (is this type change binary-compatible?). Objects are keyed by their
 * unqualified name. Not thread-safe: one per lint run.
 */
public final class Catalog {

    private final Map<String, Map<String, ColumnType>> tables = new HashMap<>();
    private final Map<String, String> indexTables = new HashMap<>();
    private final Map<String, String> notNullChecks = new HashMap<>();
    private final Set<String> validNotNull = new HashSet<>();
    private final Set<String> nonVolatileFunctions = new HashSet<>();
    private final Set<String> keyless = new HashSet<>();
    private final Set<String> handKeyed = new HashSet<>();

    /** The column's type if a linted migration declared it, else {@code null}. */
    public ColumnType columnType(String table, String column) {
        Map<String, ColumnType> columns = tables.get(table);
        return columns == null ? null : columns.get(column);
    }

    public String tableOfIndex(String index) {
        return indexTables.get(index);
    }

    /**
     * Whether a statement before the current one (in this migration or an earlier one) added or validated
     * {@code CHECK (column IS NOT NULL)} on the table, so SET NOT NULL skips its scan (PostgreSQL 12+). Where that
     * scan ran under ACCESS EXCLUSIVE, {@code check-constraint-not-valid} or {@code validate-in-same-transaction}
     * says so.
     */
    public boolean hasValidNotNullCheck(String table, String column) {
        return validNotNull.contains(table + "." + column);
    }

    /** Whether a linted migration declared the function IMMUTABLE or STABLE (by unqualified name, any signature). */
    public boolean isNonVolatileFunction(String name) {
        return nonVolatileFunctions.contains(name);
    }

    /**
     * Whether a linted migration created the table with a column list that declares no PRIMARY KEY and no UNIQUE
     * constraint, and no statement since added one (ALTER TABLE … PRIMARY KEY or UNIQUE, CREATE UNIQUE INDEX): it has
     * no key a backfill could page over. {@code false} whenever the migrations do not tell: a table they did not
     * create, or one created with LIKE, INHERITS, PARTITION OF, OF type, AS or IF NOT EXISTS.
     */
    public boolean isKnownKeyless(String table) {
        return keyless.contains(table);
    }

    /**
     * Whether a linted migration created the table with an integer (or smallint) primary key that no sequence feeds
     * (no identity, serial or {@code nextval} default): its keys are chosen by whoever writes its rows, a lookup
     * table's countries or statuses, and do not run out the way a busy table's sequence does.
     */
    public boolean isHandKeyed(String table) {
        return handKeyed.contains(table);
    }

    /** Learns from a statement that has run. */
    public void apply(Statement s) {
        if (s.startsWith("CREATE")) {
            create(s);
        } else if (s.startsWith("DROP", "TABLE")) {
            for (Span part : Span.of(s).from(2).splitAtCommas()) {
                QualifiedName name = QualifiedName.afterModifiers(s, part.from());
                if (name != null) {
                    tables.remove(name.name());
                    keyless.remove(name.name());
                    handKeyed.remove(name.name());
                }
            }
        } else if (s.startsWith("ALTER", "FUNCTION")) {
            function(s, 2);
        } else {
            AlterTable alter = AlterTable.parse(s);
            if (alter != null) {
                alter.actions().forEach(a -> alterAction(alter.table().name(), a));
            }
        }
    }

    private void create(Statement s) {
        int function = s.find(0, "FUNCTION");
        if (function >= 1 && function <= 3) {
            function(s, function + 1);
            return;
        }
        int table = s.find(0, "TABLE");
        int index = s.find(0, "INDEX");
        if (index >= 1 && index <= 3) {
            int on = s.find(index, "ON");
            QualifiedName name = QualifiedName.afterModifiers(s, s.matchesAt(index + 1, "CONCURRENTLY") ? index + 2 : index + 1);
            QualifiedName target = on < 0 ? null : QualifiedName.afterModifiers(s, on + 1);
            if (name != null && target != null && name.next() <= on) {
                indexTables.put(name.name(), target.name());
            }
            if (target != null && s.matchesAt(1, "UNIQUE")) {
                keyless.remove(target.name());
            }
        } else if (table >= 1 && table <= 3) {
            QualifiedName name = QualifiedName.afterModifiers(s, table + 1);
            if (name != null) {
                Map<String, ColumnType> columns = new LinkedHashMap<>();
                ColumnDefinition.in(s).forEach(c -> columns.put(c.column(), c.type()));
                tables.put(name.name(), columns);
                handKeyed.remove(name.name());
                if (handKeyedPrimaryKey(s)) {
                    handKeyed.add(name.name());
                }
                if (declaresNoKey(s, table, name.next())) {
                    keyless.add(name.name());
                } else {
                    keyless.remove(name.name());
                }
            }
        }
    }

    /** A column declared {@code integer} or {@code smallint} {@code PRIMARY KEY} with no sequence behind it. */
    private static boolean handKeyedPrimaryKey(Statement s) {
        return ColumnDefinition.in(s).stream().anyMatch(c -> (c.type().name().equals("integer")
                || c.type().name().equals("smallint")) && c.definition().contains("PRIMARY", "KEY")
                && !c.definition().contains("IDENTITY") && !c.definition().contains("nextval"));
    }

    /** {@code CREATE TABLE t (columns …)} whose whole text names no key and copies no definition from elsewhere. */
    private static boolean declaresNoKey(Statement s, int table, int next) {
        if (next >= s.size() || !s.token(next).text().equals("(") || s.matchesAt(table + 1, "IF", "NOT", "EXISTS")) {
            return false;
        }
        int after = Span.of(s).closing(next) + 1;
        return !s.contains("PRIMARY") && !s.contains("UNIQUE") && !s.contains("LIKE") && !s.contains("INHERITS")
                && !s.matchesAt(after, "AS");
    }

    private void alterAction(String table, Span a) {
        if (a.contains("PRIMARY") || a.contains("UNIQUE")) {
            keyless.remove(table);
        }
        if (a.startsWith("RENAME")) {
            rename(table, a);
            return;
        }
        QualifiedName column = AlterTable.column(a);
        Map<String, ColumnType> columns = tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
        if (AlterTable.isAddColumn(a) && column != null) {
            columns.put(column.name(), ColumnType.at(a.statement(), column.next(), a.to()));
        } else if (a.startsWith("ALTER") && column != null && a.find("TYPE") >= 0) {
            columns.put(column.name(), ColumnType.at(a.statement(), a.find("TYPE") + 1, a.to()));
        } else if (a.startsWith("DROP") && column != null && !a.startsWith("DROP", "CONSTRAINT")) {
            columns.remove(column.name());
        } else if (AlterTable.isAddConstraint(a, "CHECK")) {
            notNullCheck(table, a);
        } else if (a.startsWith("VALIDATE", "CONSTRAINT") && a.to() > a.from() + 2) {
            String checked = notNullChecks.get(a.token(a.from() + 2).identifier());
            if (checked != null) {
                validNotNull.add(checked);
            }
        }
    }

    /** CREATE or ALTER FUNCTION: whether its attributes (outside the body, a separate token) say IMMUTABLE or STABLE. */
    private void function(Statement s, int nameAt) {
        QualifiedName name = QualifiedName.at(s, nameAt);
        if (name == null) {
            return;
        }
        if (s.contains("IMMUTABLE") || s.contains("STABLE")) {
            nonVolatileFunctions.add(name.name());
        } else if (s.contains("VOLATILE") || s.startsWith("CREATE")) {
            nonVolatileFunctions.remove(name.name());
        }
    }

    /** {@code RENAME TO t} moves the table's columns to its new name, {@code RENAME [COLUMN] a TO b} the column's type. */
    private void rename(String table, Span a) {
        int to = a.find("TO");
        QualifiedName target = to < 0 ? null : QualifiedName.at(a.statement(), to + 1);
        if (target == null || a.startsWith("RENAME", "CONSTRAINT")) {
            return;
        }
        if (a.startsWith("RENAME", "TO")) {
            Map<String, ColumnType> columns = tables.remove(table);
            if (columns != null) {
                tables.put(target.name(), columns);
            }
            if (keyless.remove(table)) {
                keyless.add(target.name());
            }
            return;
        }
        QualifiedName column = AlterTable.column(a);
        Map<String, ColumnType> columns = tables.get(table);
        if (column != null && columns != null && columns.containsKey(column.name())) {
            columns.put(target.name(), columns.remove(column.name()));
        }
    }

    private void notNullCheck(String table, Span a) {
        int check = a.find("CHECK");
        Statement s = a.statement();
        if (s.matchesAt(check + 3, "IS", "NOT", "NULL") && s.token(check + 2).isIdentifier()) {
            String key = table + "." + s.token(check + 2).identifier();
            String name = AlterTable.constraintName(a);
            if (a.contains("NOT", "VALID") && name != null) {
                notNullChecks.put(name, key);
            } else if (!a.contains("NOT", "VALID")) {
                validNotNull.add(key);
            }
        }
    }
}
