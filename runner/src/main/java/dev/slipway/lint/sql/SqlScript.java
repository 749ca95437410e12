package dev.slipway.lint.sql;

import dev.slipway.lint.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons, as psql and Flyway do. A semicolon inside
 * parentheses, a string, a comment, a dollar-quoted body or an SQL-standard function body
 * ({@code BEGIN ATOMIC … END}) does not end a statement.
 */
public final class SqlScript {

    private SqlScript() {
    }

    /**
     * @throws SqlSyntaxException when the script cannot be tokenized
     */
    public static List<Statement> parse(String sql) {
        List<Token> all = SqlLexer.tokenize(sql);
        List<Statement> statements = new ArrayList<>();
        List<Token> comments = new ArrayList<>();
        List<Token> body = new ArrayList<>();
        Nesting nesting = new Nesting();
        for (Token t : all) {
            if (t.isComment()) {
                comments.add(t);
            } else if (t.is(Kind.SEMICOLON) && nesting.atTop()) {
                add(statements, sql, body, comments, t.offset());
            } else {
                nesting.see(t, body);
                body.add(t);
            }
        }
        add(statements, sql, body, comments, sql.length());
        return statements;
    }

    private static void add(List<Statement> statements, String sql, List<Token> body, List<Token> comments, int end) {
        if (!body.isEmpty()) {
            String text = sql.substring(body.get(0).offset(), end);
            statements.add(new Statement(statements.size(), body, comments, text));
            comments.clear();
        }
        body.clear();
    }

    /** Parentheses, and {@code BEGIN ATOMIC} bodies with the {@code CASE … END} inside them. */
    private static final class Nesting {
        private int parens;
        private int atomic;

        boolean atTop() {
            return parens == 0 && atomic == 0;
        }

        void see(Token t, List<Token> before) {
            if (t.is(Kind.OPEN_PAREN)) {
                parens++;
            } else if (t.is(Kind.CLOSE_PAREN)) {
                parens = Math.max(0, parens - 1);
            } else if (t.is("ATOMIC") && !before.isEmpty() && before.get(before.size() - 1).is("BEGIN")) {
                atomic++;
            } else if (atomic > 0 && t.is("CASE")) {
                atomic++;
            } else if (atomic > 0 && t.is("END")) {
                atomic--;
            }
        }
    }
}
