package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;
import static dev.slipway.lint.Severity.WARNING;

import dev.slipway.lint.ColumnDefinition;
import dev.slipway.lint.Rule;
import java.util.List;

/** Enum changes and column types that cause trouble later. */
final class TypeRules {

    private TypeRules() {
    }

    static List<Rule> all() {
        return List.of(enumAddValue(), enumRenameValue(), preferJsonb(), preferTimestamptz());
    }

    private static Rule enumAddValue() {
        return StatementRule.of("enum-add-value-position", WARNING, "ALTER TYPE … ADD VALUE without BEFORE/AFTER",
                "the value goes to the end of the enum, and enums sort by declaration order: ORDER BY, <, > and range "
                        + "checks on the column change meaning if the new value belongs elsewhere",
                "say where it goes with BEFORE 'x' or AFTER 'y'; if the end is right, suppress with that reason",
                (s, scope) -> s.startsWith("ALTER", "TYPE") && s.contains("ADD", "VALUE")
                        && !s.contains("BEFORE") && !s.contains("AFTER")
                        ? "enum value added to " + s.token(2).text() + " without BEFORE/AFTER goes last in its sort order"
                        : null);
    }

    private static Rule enumRenameValue() {
        return StatementRule.of("enum-rename-value", ERROR, "ALTER TYPE … RENAME VALUE",
                "the application version still running writes and compares the old label and fails once it is renamed",
                "add the new value, move the code and the rows over, stop using the old one (enum values cannot be dropped)",
                (s, scope) -> s.startsWith("ALTER", "TYPE") && s.contains("RENAME", "VALUE")
                        ? "renaming a value of enum " + s.token(2).text() + " breaks code that still uses the old label"
                        : null);
    }

    private static Rule preferJsonb() {
        return StatementRule.of("prefer-jsonb", WARNING, "json instead of jsonb",
                "json keeps the text as written: it cannot be indexed with GIN, has no equality operator (DISTINCT, "
                        + "GROUP BY and UNIQUE fail) and is re-parsed on every access",
                "use jsonb",
                (s, scope) -> ColumnDefinition.in(s).stream().filter(c -> c.type().name().equals("json")).findFirst()
                        .map(c -> "column " + c.table() + "." + c.column() + " is json; use jsonb").orElse(null));
    }

    private static Rule preferTimestamptz() {
        return StatementRule.of("prefer-timestamptz", WARNING, "timestamp without time zone",
                "timestamp stores wall-clock time without a zone: values shift silently when sessions or servers use "
                        + "different TimeZone settings, and DST makes some values ambiguous",
                "use timestamptz (timestamp with time zone), which stores an instant",
                (s, scope) -> ColumnDefinition.in(s).stream().filter(c -> c.type().name().equals("timestamp")).findFirst()
                        .map(c -> "column " + c.table() + "." + c.column() + " is " + c.type().display()
                                + " (without time zone); use timestamptz")
                        .orElse(null));
    }
}
