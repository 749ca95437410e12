package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;
import static dev.slipway.lint.Severity.WARNING;

import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.AlterTable;
import dev.slipway.lint.sql.QualifiedName;
import dev.slipway.lint.sql.Span;
import dev.slipway.lint.sql.Statement;
import java.util.List;

/** Constraints added to tables that already hold rows. */
final class ConstraintRules {

    private ConstraintRules() {
    }

    static List<Rule> all() {
        return List.of(check(), foreignKey(), unique(), primaryKey(), exclude(), setNotNull(), validateInSameTransaction());
    }

    private static Rule check() {
        return StatementRule.onAlter("check-constraint-not-valid", ERROR, "ADD CHECK without NOT VALID",
                "adding a CHECK constraint scans the whole table to validate it while holding ACCESS EXCLUSIVE: "
                        + "no reads or writes until every row is checked",
                "ADD CONSTRAINT … CHECK (…) NOT VALID (instant), then ALTER TABLE … VALIDATE CONSTRAINT in a later "
                        + "migration (it only takes SHARE UPDATE EXCLUSIVE)",
                (alter, a, scope) -> AlterTable.isAddConstraint(a, "CHECK") && !a.contains("NOT", "VALID")
                        ? "CHECK constraint " + name(a) + "on existing table " + alter.table().display()
                                + " is validated under ACCESS EXCLUSIVE; add it NOT VALID and validate it separately"
                        : null);
    }

    private static Rule foreignKey() {
        return StatementRule.onAlter("foreign-key-not-valid", ERROR, "ADD FOREIGN KEY without NOT VALID",
                "adding a foreign key validates every row while holding SHARE ROW EXCLUSIVE on both tables: "
                        + "writes to the table and to the referenced table wait for the whole scan",
                "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a later migration",
                (alter, a, scope) -> {
                    if (!AlterTable.isAddConstraint(a, "FOREIGN") || a.contains("NOT", "VALID")) {
                        return null;
                    }
                    int r = a.find("REFERENCES");
                    QualifiedName target = r < 0 ? null : QualifiedName.at(a.statement(), r + 1);
                    return "foreign key " + name(a) + "on " + alter.table().display()
                            + (target == null ? "" : " referencing " + target.display())
                            + " is validated while writes to both tables wait; add it NOT VALID and validate it separately";
                });
    }

    private static Rule unique() {
        return StatementRule.onAlter("unique-constraint", ERROR, "ADD UNIQUE constraint",
                "a UNIQUE constraint builds its index while holding ACCESS EXCLUSIVE: no reads or writes until it is built",
                "CREATE UNIQUE INDEX CONCURRENTLY in one migration, then ADD CONSTRAINT … UNIQUE USING INDEX … in the next",
                (alter, a, scope) -> {
                    boolean constraint = AlterTable.isAddConstraint(a, "UNIQUE") && !a.contains("USING", "INDEX");
                    boolean column = AlterTable.isAddColumn(a) && a.containsAtTop("UNIQUE");
                    return constraint || column ? "UNIQUE on existing table " + alter.table().display()
                            + " builds its index under ACCESS EXCLUSIVE" : null;
                });
    }

    private static Rule primaryKey() {
        return StatementRule.onAlter("primary-key-on-existing-table", ERROR, "ADD PRIMARY KEY on an existing table",
                "a primary key builds a unique index (and may set NOT NULL, scanning the table) while holding ACCESS "
                        + "EXCLUSIVE: no reads or writes until it is done",
                "CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … PRIMARY KEY USING INDEX … in the next migration",
                (alter, a, scope) -> {
                    boolean constraint = AlterTable.isAddConstraint(a, "PRIMARY") && !a.contains("USING", "INDEX");
                    boolean column = AlterTable.isAddColumn(a) && a.contains("PRIMARY", "KEY");
                    return constraint || column ? "PRIMARY KEY on existing table " + alter.table().display()
                            + " builds its index under ACCESS EXCLUSIVE" : null;
                });
    }

    private static Rule exclude() {
        return StatementRule.onAlter("exclude-constraint", ERROR, "ADD EXCLUDE constraint on an existing table",
                "an EXCLUDE constraint cannot be added NOT VALID: its index is built and every row checked under "
                        + "ACCESS EXCLUSIVE",
                "declare it when the table is created, or enforce the rule in a trigger or the application until a "
                        + "maintenance window",
                (alter, a, scope) -> AlterTable.isAddConstraint(a, "EXCLUDE")
                        ? "EXCLUDE constraint " + name(a) + "on existing table " + alter.table().display()
                                + " is built and checked under ACCESS EXCLUSIVE"
                        : null);
    }

    private static Rule setNotNull() {
        return StatementRule.onAlter("set-not-null", ERROR, "SET NOT NULL on an existing column",
                "SET NOT NULL scans the whole table under ACCESS EXCLUSIVE, unless a validated CHECK (column IS NOT NULL) "
                        + "already proves it",
                "ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID in one migration; in a later one VALIDATE CONSTRAINT, "
                        + "then SET NOT NULL (PostgreSQL 12+ skips the scan; both may share that migration) and drop the check",
                (alter, a, scope) -> {
                    QualifiedName column = AlterTable.column(a);
                    if (!a.startsWith("ALTER") || column == null || a.find("SET", "NOT", "NULL") < 0
                            || scope.catalog().hasValidNotNullCheck(alter.table().name(), column.name())) {
                        return null;
                    }
                    return "SET NOT NULL on " + alter.table().display() + "." + column.name()
                            + " scans the table under ACCESS EXCLUSIVE (no CHECK (" + column.name()
                            + " IS NOT NULL) is validated before it, in this or an earlier migration)";
                });
    }

    private static Rule validateInSameTransaction() {
        return StatementRule.onAlter("validate-in-same-transaction", WARNING, "NOT VALID and VALIDATE in one transaction",
                "the ACCESS EXCLUSIVE lock taken to add the constraint is held until the transaction ends, so validating "
                        + "in the same transaction scans the table under it: NOT VALID gains nothing",
                "VALIDATE CONSTRAINT in a later migration",
                (alter, a, scope) -> {
                    if (!a.startsWith("VALIDATE", "CONSTRAINT") || a.to() <= a.from() + 2) {
                        return null;
                    }
                    String constraint = a.token(a.from() + 2).identifier();
                    Statement s = a.statement();
                    return scope.inTransaction(s) && addedNotValidBefore(scope, s, constraint)
                            ? "constraint " + constraint + " is added NOT VALID and validated in the same transaction"
                            : null;
                });
    }

    private static boolean addedNotValidBefore(MigrationScope scope, Statement current, String constraint) {
        for (Statement s : scope.statements().stream().filter(s -> s.index() < current.index()).toList()) {
            AlterTable alter = AlterTable.parse(s);
            if (alter != null && alter.actions().stream().anyMatch(a -> a.startsWith("ADD")
                    && constraint.equals(AlterTable.constraintName(a)) && a.contains("NOT", "VALID"))) {
                return true;
            }
        }
        return false;
    }

    private static String name(Span a) {
        String name = AlterTable.constraintName(a);
        return name == null ? "" : name + " ";
    }
}
