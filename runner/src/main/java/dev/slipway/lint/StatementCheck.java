package dev.slipway.lint;

import dev.slipway.lint.sql.Statement;
import dev.slipway.lint.sql.Token.Kind;
import dev.slipway.lint.sql.Token;
import java.util.Locale;
import java.util.Set;

/**
 * The little syntax checking the linter does itself: a statement must start with a command
 * PostgreSQL knows and its parentheses must balance. Anything subtler is left to PostgreSQL.
 */
final class StatementCheck {

    private static final Set<String> COMMANDS = Set.of("ABORT", "ALTER", "ANALYZE", "ANALYSE", "BEGIN", "CALL",
            "CHECKPOINT", "CLOSE", "CLUSTER", "COMMENT", "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE",
            "DISCARD", "DO", "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD",
            "LOCK", "MERGE", "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE",
            "ROLLBACK", "SAVEPOINT", "SECURITY", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UNLISTEN",
            "UPDATE", "VACUUM", "VALUES", "WITH");

    private StatementCheck() {
    }

    /** What is wrong with the statement, or {@code null} when it looks like SQL. */
    static String problem(Statement s) {
        Token first = s.token(0);
        if (!first.is(Kind.OPEN_PAREN) && !(first.is(Kind.WORD) && COMMANDS.contains(first.text().toUpperCase(Locale.ROOT)))) {
            return "'" + first.text() + "' at line " + first.line() + ", column " + first.column()
                    + " does not start an SQL command PostgreSQL knows; check the spelling, or a missing ';' before it";
        }
        int depth = 0;
        for (Token t : s.tokens()) {
            depth += t.is(Kind.OPEN_PAREN) ? 1 : t.is(Kind.CLOSE_PAREN) ? -1 : 0;
            if (depth < 0) {
                return "unbalanced ')' at line " + t.line() + ", column " + t.column() + ": it closes nothing";
            }
        }
        return depth == 0 ? null : "unbalanced '(' in the statement starting at line " + s.line()
                + ": a parenthesis is never closed before the statement ends";
    }
}
