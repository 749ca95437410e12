package dev.slipway.lint;

import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.ColumnType;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A column and its declared type, wherever a statement declares one: a column of CREATE TABLE,
 * ALTER TABLE … ADD COLUMN, or ALTER TABLE … ALTER COLUMN … TYPE.
 *
 * @param definition the tokens that declare it: the CREATE TABLE element, or the ALTER TABLE action
 */
public record ColumnDefinition(String table, String column, ColumnType type, Span definition) {

    public static List<ColumnDefinition> in(Statement s) {
        List<ColumnDefinition> found = new ArrayList<>();
        AlterTable alter = AlterTable.parse(s);
        if (alter != null) {
            alter.actions().forEach(a -> fromAction(alter.table().name(), a, found));
        } else if (s.startsWith("CREATE")) {
            fromCreate(s, found);
        }
        return found;
    }

    private static void fromAction(String table, Span a, List<ColumnDefinition> found) {
        QualifiedName column = AlterTable.column(a);
        if (column == null) {
            return;
        }
        if (AlterTable.isAddColumn(a)) {
            found.add(new ColumnDefinition(table, column.name(), ColumnType.at(a.statement(), column.next(), a.to()), a));
        } else if (a.startsWith("ALTER") && a.find("TYPE") >= 0) {
            found.add(new ColumnDefinition(table, column.name(), ColumnType.at(a.statement(), a.find("TYPE") + 1, a.to()), a));
        }
    }

    private static void fromCreate(Statement s, List<ColumnDefinition> found) {
        QualifiedName name = createdTable(s);
        for (Span e : createTableElements(s)) {
            if (isColumn(e.token(e.from()))) {
                found.add(new ColumnDefinition(name.name(), e.token(e.from()).identifier(), ColumnType.at(s, e.from() + 1, e.to()), e));
            }
        }
    }

    /** Whether the action or element declares a new column (CREATE TABLE, ADD COLUMN) rather than changing a type. */
    public boolean isNew() {
        return !definition.startsWith("ALTER");
    }

    /** The table a {@code CREATE [TEMP|UNLOGGED|FOREIGN] TABLE name (…)} creates, or {@code null}. */
    private static QualifiedName createdTable(Statement s) {
        int table = s.find(0, "TABLE");
        if (!s.startsWith("CREATE") || table < 1 || table > 3) {
            return null;
        }
        QualifiedName name = QualifiedName.afterModifiers(s, table + 1);
        return name == null || name.next() >= s.size() || !s.token(name.next()).text().equals("(") ? null : name;
    }

    /** The comma-separated elements of a CREATE TABLE's column list (columns and table constraints), or none. */
    public static List<Span> createTableElements(Statement s) {
        QualifiedName name = createdTable(s);
        if (name == null) {
            return List.of();
        }
        Span all = Span.of(s);
        return new Span(s, name.next() + 1, all.closing(name.next())).splitAtCommas().stream().filter(e -> !e.isEmpty()).toList();
    }

    private static boolean isColumn(Token first) {
        return first.isIdentifier() && !(first.is("CONSTRAINT") || first.is("PRIMARY") || first.is("UNIQUE")
                || first.is("CHECK") || first.is("FOREIGN") || first.is("EXCLUDE") || first.is("LIKE"));
    }
}
