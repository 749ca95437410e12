package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;

import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.ColumnType;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token.Kind;

/**
 * {@code ALTER COLUMN … TYPE} on an existing table: a rewrite unless the change is binary-compatible, or is
 * timestamp to timestamptz (or back) while the migration's session time zone is UTC, which PostgreSQL 12+
 * does in the catalog only.
 */
final class AlterColumnType {

    private static final String UTC_HINT = "add SET LOCAL timezone = 'UTC' before it in this migration and leave out "
            + "USING: PostgreSQL 12+ then changes only the catalog (existing values are read as UTC, so only if they are)";

    private AlterColumnType() {
    }

    static Rule rule() {
        return StatementRule.onAlter("alter-column-type", ERROR, "ALTER COLUMN TYPE",
                "changing a column's type rewrites the table and rebuilds its indexes under ACCESS EXCLUSIVE, unless the "
                        + "new type is binary-compatible (varchar(n) to varchar(m>=n) or text, numeric(p,s) to numeric(q>=p,s)), "
                        + "or it is timestamp to timestamptz with the session time zone set to UTC (PostgreSQL 12+)",
                "add a new column of the new type, write both, backfill in batches, switch reads, drop the old column "
                        + "later; for timestamp to timestamptz, SET LOCAL timezone = 'UTC' earlier in the migration avoids "
                        + "the rewrite",
                AlterColumnType::check);
    }

    private static String check(AlterTable alter, Span a, MigrationScope scope) {
        QualifiedName column = AlterTable.column(a);
        int type = a.find("TYPE");
        if (!a.startsWith("ALTER") || column == null || type < 0) {
            return null;
        }
        ColumnType to = ColumnType.at(a.statement(), type + 1, a.to());
        ColumnType from = scope.catalog().columnType(alter.table().name(), column.name());
        String where = alter.table().display() + "." + column.name();
        if (isZoneChange(from, to)) {
            return zoneChange(a, column, to, scope, where + " from " + from.display() + " to " + to.display());
        }
        if (!plainUsing(a, column, null)) {
            return "changing " + where + " to " + to.display() + " with USING rewrites the table";
        }
        if (from == null) {
            return unknownOldType(a, scope, where, to);
        }
        return TypeChanges.binaryCompatible(from, to) ? null : "changing " + where + " from " + from.display()
                + " to " + to.display() + " rewrites the table";
    }

    /** timestamp to timestamptz or back, without arrays or a new precision: catalog-only under a UTC session. */
    private static boolean isZoneChange(ColumnType from, ColumnType to) {
        return from != null && !from.array() && !to.array() && to.modifiers().isEmpty()
                && (from.name().equals("timestamp") && to.name().equals("timestamptz")
                || from.name().equals("timestamptz") && to.name().equals("timestamp"));
    }

    private static String zoneChange(Span a, QualifiedName column, ColumnType to, MigrationScope scope, String change) {
        boolean utc = SessionTimeZone.isUtcBefore(scope, a.statement());
        if (!plainUsing(a, column, to)) {
            return "changing " + change + " with this USING expression rewrites the table"
                    + (utc ? "; leave out USING: the time zone is UTC, so the plain conversion changes only the catalog"
                    : "; " + UTC_HINT);
        }
        return utc ? null : "changing " + change + " rewrites the table: the session time zone is not set to UTC in this "
                + "migration; " + UTC_HINT;
    }

    /** Without USING, only timestamp (or date) converts to timestamptz; under UTC the former is catalog-only. */
    private static String unknownOldType(Span a, MigrationScope scope, String where, ColumnType to) {
        if (isUnboundedText(to) || to.name().equals("timestamptz") && to.modifiers().isEmpty() && !to.array()
                && SessionTimeZone.isUtcBefore(scope, a.statement())) {
            return null;
        }
        return "changing " + where + " to " + to.display() + " rewrites the table unless the old type is "
                + "binary-compatible (it is not declared in the linted migrations, so it cannot be checked)"
                + (to.name().equals("timestamptz") ? "; if it is timestamp, " + UTC_HINT : "");
    }

    /**
     * No USING, or {@code USING col}, {@code USING (col)}, or (when {@code to} is given) {@code USING col::to}: the
     * same conversion PostgreSQL applies without USING.
     */
    private static boolean plainUsing(Span a, QualifiedName column, ColumnType to) {
        int using = a.find("USING");
        if (using < 0) {
            return true;
        }
        Statement s = a.statement();
        int i = using + 1;
        int end = a.to();
        while (i < end && s.token(i).is(Kind.OPEN_PAREN) && s.token(end - 1).is(Kind.CLOSE_PAREN)) {
            i++;
            end--;
        }
        if (i >= end || !s.token(i).isIdentifier() || !s.token(i).identifier().equals(column.name())) {
            return false;
        }
        ColumnType cast = i + 1 < end && s.token(i + 1).text().equals("::") ? ColumnType.at(s, i + 2, end) : null;
        return i + 1 == end || to != null && cast != null && cast.next() == end && cast.display().equals(to.display());
    }

    private static boolean isUnboundedText(ColumnType t) {
        return !t.array() && t.modifiers().isEmpty() && (t.name().equals("text") || t.name().equals("varchar"));
    }
}
