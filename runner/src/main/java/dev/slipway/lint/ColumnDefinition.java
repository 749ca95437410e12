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
 */
public record ColumnDefinition(String table, String column, ColumnType type) {

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
            found.add(new ColumnDefinition(table, column.name(), ColumnType.at(a.statement(), column.next(), a.to())));
        } else if (a.startsWith("ALTER") && a.find("TYPE") >= 0) {
            found.add(new ColumnDefinition(table, column.name(), ColumnType.at(a.statement(), a.find("TYPE") + 1, a.to())));
        }
    }

    private static void fromCreate(Statement s, List<ColumnDefinition> found) {
        int table = s.find(0, "TABLE");
        if (table < 1 || table > 3) {
            return;
        }
        QualifiedName name = QualifiedName.afterModifiers(s, table + 1);
        if (name == null || name.next() >= s.size() || !s.token(name.next()).text().equals("(")) {
            return;
        }
        Span all = Span.of(s);
        for (Span e : new Span(s, name.next() + 1, all.closing(name.next())).splitAtCommas()) {
            if (!e.isEmpty() && isColumn(e.token(e.from()))) {
                found.add(new ColumnDefinition(name.name(), e.token(e.from()).identifier(),
                        ColumnType.at(s, e.from() + 1, e.to())));
            }
        }
    }

    private static boolean isColumn(Token first) {
        return first.isIdentifier() && !(first.is("CONSTRAINT") || first.is("PRIMARY") || first.is("UNIQUE")
                || first.is("CHECK") || first.is("FOREIGN") || first.is("EXCLUDE") || first.is("LIKE"));
    }
}
