package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;
import static dev.slipway.lint.Severity.WARNING;

import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.ColumnType;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Columns added, changed, renamed or dropped on tables that already hold rows. */
final class ColumnRules {

    private static final Set<String> SERIAL = Set.of("serial", "bigserial", "smallserial");

    private ColumnRules() {
    }

    static List<Rule> all() {
        return List.of(notNullWithoutDefault(), volatileDefault(), AlterColumnType.rule(), renameColumn(), dropColumn(), dropNotNull(),
                storedGenerated());
    }

    private static Rule notNullWithoutDefault() {
        return StatementRule.onAlter("add-column-not-null-without-default", ERROR, "ADD COLUMN NOT NULL without a default",
                "existing rows would hold NULL in a NOT NULL column, so the migration fails on any table with rows",
                "add a constant DEFAULT (PostgreSQL 11+ stores it in the catalog, no rewrite), or add the column nullable, "
                        + "backfill in batches, then enforce NOT NULL with a validated CHECK",
                (alter, a, scope) -> AlterTable.isAddColumn(a) && a.containsAtTop("NOT") && a.find("NOT", "NULL") >= 0
                        && !a.containsAtTop("DEFAULT") && !a.containsAtTop("GENERATED") && !isSerial(a)
                        ? "column " + columnName(a) + " is added NOT NULL without a default to existing table "
                                + alter.table().display() + ": it fails as soon as the table has a row"
                        : null);
    }

    private static Rule volatileDefault() {
        return StatementRule.onAlter("add-column-volatile-default", ERROR, "ADD COLUMN with a volatile default",
                "a default that differs per row (random(), clock_timestamp(), gen_random_uuid(), a sequence, serial, "
                        + "identity, or a function of your own not declared IMMUTABLE or STABLE in the linted migrations) "
                        + "makes PostgreSQL rewrite the whole table under ACCESS EXCLUSIVE",
                "add the column without a default (or with a constant), set the default afterwards with ALTER COLUMN … "
                        + "SET DEFAULT, and backfill existing rows in batches",
                (alter, a, scope) -> {
                    if (!AlterTable.isAddColumn(a)) {
                        return null;
                    }
                    String reason = isSerial(a) ? "its serial type draws from a sequence"
                            : a.contains("AS", "IDENTITY") ? "it is an identity column"
                            : DefaultExpression.volatileCall(a, scope.catalog()::isNonVolatileFunction);
                    return reason == null ? null : "column " + columnName(a) + " added to existing table "
                            + alter.table().display() + " rewrites the table: " + reason;
                });
    }

    private static boolean isSerial(Span a) {
        QualifiedName column = AlterTable.column(a);
        return column != null && SERIAL.contains(ColumnType.at(a.statement(), column.next(), a.to()).name());
    }

    private static Rule renameColumn() {
        return StatementRule.onAlter("rename-column", ERROR, "RENAME COLUMN",
                "the application version still running (and every replica mid-deploy) queries the old name and fails "
                        + "the moment the migration commits",
                "expand and contract: add the new column, write both, backfill, move reads, drop the old column in a "
                        + "later release",
                (alter, a, scope) -> a.startsWith("RENAME") && !a.startsWith("RENAME", "TO")
                        && !a.startsWith("RENAME", "CONSTRAINT")
                        ? "renaming column " + a.text().replaceFirst("(?i)^RENAME (COLUMN )?", "") + " on "
                                + alter.table().display() + " breaks the application version still running"
                        : null);
    }

    private static Rule dropColumn() {
        return StatementRule.onAlter("drop-column", WARNING, "DROP COLUMN",
                "the application version still running may still read or write the column; its queries fail once it is "
                        + "gone, and the data is lost",
                "first release code that no longer uses the column, then drop it in a later migration (suppress this "
                        + "finding with the reason once that is true)",
                (alter, a, scope) -> a.startsWith("DROP") && !a.startsWith("DROP", "CONSTRAINT")
                        ? "dropping column " + columnName(a) + " of " + alter.table().display()
                                + " breaks any running code that still uses it"
                        : null);
    }

    private static Rule dropNotNull() {
        return StatementRule.onAlter("drop-not-null", WARNING, "DROP NOT NULL",
                "the application version still running may assume the column is never NULL and fail on the first NULL "
                        + "the new version writes",
                "make sure every running version handles NULL in the column before dropping the constraint",
                (alter, a, scope) -> a.startsWith("ALTER") && a.find("DROP", "NOT", "NULL") >= 0
                        ? "dropping NOT NULL on " + alter.table().display() + "." + columnName(a)
                                + " lets NULLs reach code that does not expect them"
                        : null);
    }

    private static Rule storedGenerated() {
        return StatementRule.onAlter("stored-generated-column", ERROR, "stored generated column on an existing table",
                "a STORED generated column is computed for every existing row: the table is rewritten under ACCESS EXCLUSIVE",
                "add a plain column, fill it with a trigger for new rows and a batched backfill for old ones; or create "
                        + "the table with it",
                (alter, a, scope) -> AlterTable.isAddColumn(a) && a.contains("GENERATED") && a.contains("STORED")
                        && !a.contains("IDENTITY")
                        ? "generated column " + columnName(a) + " added to existing table " + alter.table().display()
                                + " rewrites the table"
                        : null);
    }

    private static String columnName(Span a) {
        QualifiedName column = AlterTable.column(a);
        return column == null ? "?" : column.name().toLowerCase(Locale.ROOT).equals(column.name()) ? column.name()
                : "\"" + column.name() + "\"";
    }
}
