package dev.slipway.migrate;

import dev.slipway.lint.sql.SqlScript;
import dev.slipway.lint.sql.SqlSyntaxException;
import dev.slipway.lint.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Finds where a migration script commits by itself: a top-level {@code COMMIT} or {@code END} statement, outside
 * strings, comments and dollar-quoted bodies. The engines run each migration in one transaction, but a script that
 * commits its own keeps what ran up to that COMMIT even when a later statement fails. Pure.
 */
final class ScriptCommits {

    /** A COMMIT of the script: the line it starts on (1-based) and its text. */
    record CommitPoint(int line, String text) {

        /** {@code COMMIT at line 3}: for messages. */
        String describe() {
            return text + " at line " + line;
        }
    }

    private ScriptCommits() {
    }

    /**
     * The last COMMIT that ran before the statement starting at {@code failingLine}; with the line unknown
     * ({@code < 1}), the script's last COMMIT. Empty when none, or when the script cannot be tokenized.
     */
    static Optional<CommitPoint> lastBefore(String sql, int failingLine) {
        List<Statement> statements;
        try {
            statements = SqlScript.parse(sql);
        } catch (SqlSyntaxException e) {
            return Optional.empty();
        }
        int failing = failingLine < 1 ? statements.size() : indexAt(statements, failingLine);
        CommitPoint last = null;
        for (Statement s : statements.subList(0, failing)) {
            if (commits(s)) {
                last = new CommitPoint(s.line(), s.excerpt());
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * The {@code ordinal}-th COMMIT of the script (1-based), with its line counted from {@code firstLine} (the line
     * the script's text starts on in its file). Empty when the script has fewer, or cannot be tokenized.
     */
    static Optional<CommitPoint> nth(String sql, int ordinal, int firstLine) {
        try {
            return SqlScript.parse(sql).stream().filter(ScriptCommits::commits).skip(ordinal - 1L).findFirst()
                    .map(s -> new CommitPoint(s.line() + firstLine - 1, s.excerpt()));
        } catch (SqlSyntaxException e) {
            return Optional.empty();
        }
    }

    /** How many top-level COMMITs the script has; 0 when it cannot be tokenized. */
    static int count(String sql) {
        try {
            return (int) SqlScript.parse(sql).stream().filter(ScriptCommits::commits).count();
        } catch (SqlSyntaxException e) {
            return 0;
        }
    }

    /** Whether one statement, as an engine sent it, is a COMMIT or END. */
    static boolean isCommit(String statement) {
        try {
            List<Statement> parsed = SqlScript.parse(statement);
            return parsed.size() == 1 && commits(parsed.get(0));
        } catch (SqlSyntaxException e) {
            return false;
        }
    }

    /** The index of the statement that starts at {@code line}: the last one starting on or before it. */
    private static int indexAt(List<Statement> statements, int line) {
        int index = 0;
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).line() <= line) {
                index = i;
            }
        }
        return index;
    }

    /** COMMIT [AND [NO] CHAIN], END; not COMMIT PREPARED, which ends another, prepared transaction. */
    private static boolean commits(Statement s) {
        return (s.startsWith("COMMIT") || s.startsWith("END")) && !s.startsWith("COMMIT", "PREPARED");
    }
}
