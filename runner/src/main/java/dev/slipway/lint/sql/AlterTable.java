package dev.slipway.lint.sql;

import java.util.List;

/**
 * An {@code ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, …]} statement, its actions split.
 * {@code RENAME}, {@code SET SCHEMA}, {@code ATTACH PARTITION} and {@code DETACH PARTITION} are
 * single actions like the others.
 */
public record AlterTable(QualifiedName table, List<Span> actions) {

    /** Reads the statement as ALTER TABLE, or returns {@code null} when it is not one. */
    public static AlterTable parse(Statement s) {
        if (!s.startsWith("ALTER", "TABLE")) {
            return null;
        }
        QualifiedName table = QualifiedName.afterModifiers(s, 2);
        if (table == null) {
            return null;
        }
        int start = table.next();
        if (start < s.size() && s.token(start).text().equals("*")) {
            start++;
        }
        return new AlterTable(table, new Span(s, start, s.size()).splitAtCommas());
    }

    /** The action's column after {@code ADD [COLUMN] [IF NOT EXISTS]}, {@code ALTER [COLUMN]}, {@code DROP [COLUMN] [IF EXISTS]}. */
    public static QualifiedName column(Span action) {
        Statement s = action.statement();
        int i = action.from() + 1;
        if (s.matchesAt(i, "COLUMN")) {
            i++;
        }
        QualifiedName name = QualifiedName.afterModifiers(s, i);
        return name == null || name.next() > action.to() ? null : name;
    }

    /** {@code ADD COLUMN …} or {@code ADD name type …}: an ADD that is not a table constraint. */
    public static boolean isAddColumn(Span action) {
        if (!action.startsWith("ADD")) {
            return false;
        }
        Statement s = action.statement();
        int i = action.from() + 1;
        return s.matchesAt(i, "COLUMN") || !(s.matchesAt(i, "CONSTRAINT") || s.matchesAt(i, "CHECK")
                || s.matchesAt(i, "UNIQUE") || s.matchesAt(i, "PRIMARY") || s.matchesAt(i, "FOREIGN")
                || s.matchesAt(i, "EXCLUDE"));
    }

    /** {@code ADD [CONSTRAINT name] <kind>}: a table constraint of that kind (CHECK, UNIQUE, PRIMARY, FOREIGN, EXCLUDE). */
    public static boolean isAddConstraint(Span action, String kind) {
        if (!action.startsWith("ADD") || isAddColumn(action)) {
            return false;
        }
        int i = action.from() + 1;
        if (action.statement().matchesAt(i, "CONSTRAINT")) {
            i += 2;
        }
        return action.statement().matchesAt(i, kind);
    }

    /** The constraint name of {@code ADD CONSTRAINT name …}, or {@code null}. */
    public static String constraintName(Span action) {
        Statement s = action.statement();
        int i = action.from() + 1;
        return s.matchesAt(i, "CONSTRAINT") && i + 1 < action.to() ? s.token(i + 1).identifier() : null;
    }
}
