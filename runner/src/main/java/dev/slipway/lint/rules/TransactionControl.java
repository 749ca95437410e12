package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;

import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * BEGIN, COMMIT, ROLLBACK, SAVEPOINT and their kin at the top level of a migration. The engine owns the
 * migration's transaction (Flyway's per-script transaction, Liquibase's per-changeset one) or knows it runs
 * without one; a script that manages transactions itself makes what was applied differ from what the engine
 * records. One rule covers squawk's transaction-nesting too: Slipway knows whether the engine wraps the
 * migration, so a nested BEGIN, a stray COMMIT and an uncommitted BEGIN are the same mistake with the same fix.
 * Statements inside function bodies and DO blocks are tokens of their body and never seen here.
 */
final class TransactionControl extends MigrationRule {

    TransactionControl() {
        super("transaction-control", ERROR, "BEGIN, COMMIT, ROLLBACK or SAVEPOINT in a migration",
                "the engine runs each migration in its own transaction (or, when it cannot, without one) and records it "
                        + "as applied or failed as a whole; a COMMIT in the script commits part of it, so a later failure "
                        + "leaves that part applied while the engine reports the migration rolled back, and a ROLLBACK "
                        + "or an unclosed BEGIN silently discards statements the engine reports as applied",
                "remove the transaction statements and let the engine's transaction cover the migration; to split it, "
                        + "make several migrations; a statement that cannot run in a transaction (CONCURRENTLY, VACUUM) "
                        + "goes alone in its own migration");
    }

    @Override
    public void finish(MigrationScope scope, Reporter reporter) {
        boolean open = false;
        List<Statement> statements = scope.statements();
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            Kind kind = Kind.of(s);
            if (kind == null) {
                continue;
            }
            if (scope.transactional()) {
                reporter.report(s, label(s) + " " + kind.insideEngineTransaction);
            } else if (kind == Kind.BEGIN && !open && !closedAfter(statements, i)) {
                reporter.report(s, label(s) + " at line " + s.line() + " is never committed: the statements after it "
                        + "are rolled back when the session ends, though the engine reports the migration as applied");
            } else {
                reporter.report(s, withoutEngineTransaction(kind, label(s), open));
            }
            open = kind == Kind.BEGIN || open && kind == Kind.SAVEPOINT;
        }
    }

    private static boolean closedAfter(List<Statement> statements, int begin) {
        return statements.subList(begin + 1, statements.size()).stream()
                .anyMatch(s -> Kind.of(s) == Kind.COMMIT || Kind.of(s) == Kind.ROLLBACK);
    }

    /** What the statement does in a migration the engine runs without a transaction. */
    private static String withoutEngineTransaction(Kind kind, String what, boolean open) {
        if (open && kind == Kind.BEGIN) {
            return what + " inside the block opened before it does nothing (PostgreSQL only warns that a transaction is "
                    + "in progress); the COMMIT that goes with it ends the outer block early";
        }
        if (!open && kind != Kind.BEGIN) {
            return what + " outside a transaction block: the migration runs without a transaction, so there is nothing "
                    + "to " + (kind == Kind.SAVEPOINT ? "mark, and PostgreSQL refuses it" : "end (PostgreSQL only warns)");
        }
        return what + " manages a transaction in a migration the engine runs without one: if a statement after the "
                + "block fails, the block stays committed while the migration is recorded as failed";
    }

    /** The statement's keywords, without names: {@code START TRANSACTION}, {@code ROLLBACK TO}, {@code COMMIT}. */
    private static String label(Statement s) {
        boolean second = s.size() > 1 && Stream.of("TRANSACTION", "WORK", "TO", "PREPARED", "SAVEPOINT")
                .anyMatch(w -> s.token(1).is(w));
        return s.verb() + (second ? " " + s.token(1).text().toUpperCase(Locale.ROOT) : "");
    }

    /** The transaction statements, and what each does inside the transaction the engine opened. */
    private enum Kind {
        BEGIN("inside the transaction the engine opened for this migration does nothing (PostgreSQL only warns); the "
                + "COMMIT that goes with it ends the engine's transaction early"),
        COMMIT("ends the transaction the engine opened for this migration: the statements before it stay applied even "
                + "if a later one fails, while the engine reports the migration rolled back"),
        ROLLBACK("discards the statements before it, and the rest runs outside the engine's transaction; the "
                + "migration is still recorded as applied"),
        SAVEPOINT("manages the transaction the engine owns: ROLLBACK TO SAVEPOINT silently undoes part of a migration "
                + "that is recorded as applied"),
        TWO_PHASE("hands the engine's transaction to two-phase commit: the migration is committed, or not, outside "
                + "the engine's control");

        private final String insideEngineTransaction;

        Kind(String insideEngineTransaction) {
            this.insideEngineTransaction = insideEngineTransaction;
        }

        static Kind of(Statement s) {
            if (s.startsWith("BEGIN") && !s.matchesAt(1, "ATOMIC") || s.startsWith("START", "TRANSACTION")) {
                return BEGIN;
            }
            if (s.startsWith("PREPARE", "TRANSACTION") || s.startsWith("COMMIT", "PREPARED")
                    || s.startsWith("ROLLBACK", "PREPARED")) {
                return TWO_PHASE;
            }
            if (s.startsWith("SAVEPOINT") || s.startsWith("RELEASE") || s.startsWith("ROLLBACK", "TO")
                    || s.startsWith("ROLLBACK", "WORK", "TO") || s.startsWith("ROLLBACK", "TRANSACTION", "TO")) {
                return SAVEPOINT;
            }
            if (s.startsWith("COMMIT") || s.startsWith("END")) {
                return COMMIT;
            }
            return s.startsWith("ROLLBACK") || s.startsWith("ABORT") ? ROLLBACK : null;
        }
    }
}
