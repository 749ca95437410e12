package dev.slipway.lint.sql;

import dev.slipway.lint.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of a statement's tokens, {@code from} inclusive to {@code to} exclusive: an ALTER TABLE
 * action, a column definition. Offers the same keyword helpers as {@link Statement}, bounded to the run.
 */
public record Span(Statement statement, int from, int to) {

    public static Span of(Statement s) {
        return new Span(s, 0, s.size());
    }

    public boolean isEmpty() {
        return from >= to;
    }

    public Token token(int i) {
        return statement.token(i);
    }

    public boolean startsWith(String... words) {
        return from + words.length <= to && statement.matchesAt(from, words);
    }

    /** The first index in the span where the keywords appear in order, or -1. */
    public int find(String... words) {
        return find(from, words);
    }

    public int find(int start, String... words) {
        int i = statement.find(Math.max(start, from), words);
        return i >= 0 && i + words.length <= to ? i : -1;
    }

    public boolean contains(String... words) {
        return find(words) >= 0;
    }

    /** Whether any of the words occurs in the span outside parentheses. */
    public boolean containsAtTop(String word) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token t = statement.token(i);
            depth += t.is(Kind.OPEN_PAREN) ? 1 : t.is(Kind.CLOSE_PAREN) ? -1 : 0;
            if (depth == 0 && t.is(word)) {
                return true;
            }
        }
        return false;
    }

    public Span from(int start) {
        return new Span(statement, Math.max(start, from), to);
    }

    /** The index of the parenthesis that closes the one at {@code open}, or {@code to} if it is never closed. */
    public int closing(int open) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            Token t = statement.token(i);
            if (t.is(Kind.OPEN_PAREN)) {
                depth++;
            } else if (t.is(Kind.CLOSE_PAREN) && --depth == 0) {
                return i;
            }
        }
        return to;
    }

    /** Splits the span at commas outside parentheses and brackets. */
    public List<Span> splitAtCommas() {
        List<Span> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            Token t = statement.token(i);
            if (t.is(Kind.OPEN_PAREN) || t.is(Kind.OPEN_BRACKET)) {
                depth++;
            } else if (t.is(Kind.CLOSE_PAREN) || t.is(Kind.CLOSE_BRACKET)) {
                depth--;
            } else if (depth == 0 && t.is(Kind.COMMA)) {
                parts.add(new Span(statement, start, i));
                start = i + 1;
            }
        }
        parts.add(new Span(statement, start, to));
        return parts;
    }

    public String text() {
        return statement.textOf(from, to);
    }
}
