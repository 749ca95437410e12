package dev.slipway.lint.rules;

import static dev.slipway.lint.Severity.ERROR;
import static dev.slipway.lint.Severity.WARNING;

import dev.slipway.lint.LockMode;
import dev.slipway.lint.MigrationScope;
import dev.slipway.lint.PredictedLock;
import dev.slipway.lint.Rule;
import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token.Kind;
import dev.slipway.lint.sql.Token;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a migration does within one transaction, taken as a whole. */
final class TransactionRules {

    private static final Set<String> TIMEOUTS = Set.of("lock_timeout", "statement_timeout");
    private static final Pattern ZERO = Pattern.compile("0+(\\.0*)?\\s*(us|ms|s|min|h|d)?", Pattern.CASE_INSENSITIVE);

    private TransactionRules() {
    }

    static List<Rule> all() {
        return List.of(new BackfillWithDdl(), new MultipleAccessExclusive(), timeoutDisabled(), new TransactionControl());
    }

    private static Rule timeoutDisabled() {
        return StatementRule.of("timeout-disabled", ERROR, "lock_timeout or statement_timeout set to 0",
                "with no lock_timeout a blocked DDL statement waits forever while every query on the table queues "
                        + "behind it; with no statement_timeout a runaway statement holds its locks without end",
                "leave the timeouts Slipway sets, or raise them for this migration (SET lock_timeout = '10s'), never to 0",
                (s, scope) -> {
                    String setting = disabledTimeout(s);
                    return setting == null ? null : setting + " is set to 0, which disables it";
                });
    }

    /** The timeout a SET, ALTER … SET or set_config(…) call sets to zero, or {@code null}. */
    private static String disabledTimeout(Statement s) {
        for (int i = 0; i + 1 < s.size(); i++) {
            Token t = s.token(i);
            if (t.is(Kind.WORD) && TIMEOUTS.contains(t.identifier()) && (s.startsWith("SET") || s.startsWith("ALTER"))
                    && i > 0 && (s.token(i - 1).is("SET") || s.token(i - 1).is("LOCAL") || s.token(i - 1).is("SESSION"))) {
                int v = s.token(i + 1).is("TO") || s.token(i + 1).text().equals("=") ? i + 2 : -1;
                if (v > 0 && v < s.size() && isZero(s.token(v))) {
                    return t.identifier();
                }
            } else if (t.is("set_config") && s.token(i + 1).is(Kind.OPEN_PAREN) && i + 4 < s.size()) {
                Token name = s.token(i + 2);
                if (name.is(Kind.STRING) && TIMEOUTS.contains(unquote(name)) && isZero(s.token(i + 4))) {
                    return unquote(name);
                }
            }
        }
        return null;
    }

    private static boolean isZero(Token value) {
        String text = value.is(Kind.STRING) ? unquote(value) : value.text();
        return (value.is(Kind.STRING) || value.is(Kind.NUMBER)) && ZERO.matcher(text.strip()).matches();
    }

    private static String unquote(Token t) {
        return t.text().substring(1, t.text().length() - 1).replace("''", "'");
    }

    /** An UPDATE or DELETE in the same transaction as schema changes. */
    private static final class BackfillWithDdl extends MigrationRule {
        BackfillWithDdl() {
            super("backfill-with-ddl", WARNING, "data backfill in the same transaction as DDL",
                "the DDL's locks (ACCESS EXCLUSIVE for most ALTER TABLE forms) are held until the transaction ends, so "
                        + "the table stays blocked for the whole backfill; a long backfill makes the DDL wait for row locks; "
                        + "and a failure or lock-timeout retry repeats both",
                "move the UPDATE/DELETE into its own migration after the DDL, and batch it on large tables");
        }

        @Override
        public void finish(MigrationScope scope, Reporter reporter) {
            Statement ddl = scope.statements().stream().filter(scope::inTransaction)
                    .filter(BackfillWithDdl::isDdl).findFirst().orElse(null);
            if (ddl == null) {
                return;
            }
            scope.statements().stream().filter(scope::inTransaction)
                    .filter(s -> s.startsWith("UPDATE") || s.startsWith("DELETE"))
                    .forEach(s -> reporter.report(s, s.verb() + " runs in the same transaction as \"" + ddl.excerpt()
                            + "\" (line " + ddl.line() + "), whose lock is held until the backfill ends"));
        }

        /** Schema changes: CREATE, ALTER, DROP and COMMENT, but not the functions a backfill may need. */
        private static boolean isDdl(Statement s) {
            boolean schema = s.startsWith("CREATE") || s.startsWith("ALTER") || s.startsWith("DROP") || s.startsWith("COMMENT");
            return schema && !s.contains("FUNCTION") && !s.contains("PROCEDURE");
        }
    }

    /** ACCESS EXCLUSIVE on more than one existing table in one transaction. */
    private static final class MultipleAccessExclusive extends MigrationRule {
        MultipleAccessExclusive() {
            super("multiple-access-exclusive", ERROR, "ACCESS EXCLUSIVE on more than one table in one transaction",
                "each lock is held until the transaction ends, so the first table stays blocked while the second is "
                        + "waited for; two migrations locking tables in different orders can deadlock with application "
                        + "transactions",
                "change one table per migration");
        }

        @Override
        public void finish(MigrationScope scope, Reporter reporter) {
            Set<String> locked = new LinkedHashSet<>();
            for (Statement s : scope.statements()) {
                if (!scope.inTransaction(s)) {
                    continue;
                }
                for (PredictedLock lock : scope.predictedLocks(s)) {
                    if (lock.mode() == LockMode.ACCESS_EXCLUSIVE && !scope.isNewTable(lock.table())
                            && locked.add(lock.table()) && locked.size() == 2) {
                        reporter.report(s, "one transaction takes ACCESS EXCLUSIVE on " + String.join(" and ", locked)
                                + "; the first stays blocked while the second is waited for");
                    }
                }
            }
        }
    }
}
