package dev.slipway.lint.sql;

import dev.slipway.lint.sql.Token.Kind;
import java.util.List;
import java.util.Locale;

/**
 * One SQL statement of a script: its tokens without comments, the comments that belong to it (those
 * between the previous statement and its end), its text and where it starts. The keyword helpers
 * only ever look at {@link Kind#WORD} tokens, so strings, comments and bodies never match.
 *
 * @param index    0-based position in its script
 * @param tokens   the statement's tokens, comments and the closing semicolon left out
 * @param comments comments before it (since the previous statement) and inside it
 * @param text     the statement as written, without the comments before it
 */
public record Statement(int index, List<Token> tokens, List<Token> comments, String text) {

    public Statement {
        tokens = List.copyOf(tokens);
        comments = List.copyOf(comments);
    }

    public int line() {
        return tokens.get(0).line();
    }

    public int column() {
        return tokens.get(0).column();
    }

    public int size() {
        return tokens.size();
    }

    public Token token(int i) {
        return tokens.get(i);
    }

    /** Whether the statement begins with these keywords, in order. */
    public boolean startsWith(String... words) {
        return matchesAt(0, words);
    }

    /** Whether the keywords appear in order, one after another, starting at token {@code i}. */
    public boolean matchesAt(int i, String... words) {
        if (i < 0 || i + words.length > tokens.size()) {
            return false;
        }
        for (int k = 0; k < words.length; k++) {
            if (!tokens.get(i + k).is(words[k])) {
                return false;
            }
        }
        return true;
    }

    /** The first index at or after {@code from} where the keywords appear in order, or -1. */
    public int find(int from, String... words) {
        for (int i = Math.max(0, from); i + words.length <= tokens.size(); i++) {
            if (matchesAt(i, words)) {
                return i;
            }
        }
        return -1;
    }

    public boolean contains(String... words) {
        return find(0, words) >= 0;
    }

    /** The text of the tokens from {@code from} (inclusive) to {@code to} (exclusive), joined by single spaces. */
    public String textOf(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(to, tokens.size()); i++) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(tokens.get(i).text());
        }
        return b.toString();
    }

    /** The first line of the statement, shortened: for messages. */
    public String excerpt() {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 100 ? oneLine : oneLine.substring(0, 97) + "...";
    }

    /** The leading keyword, upper case, or the empty string. */
    public String verb() {
        Token first = tokens.get(0);
        return first.is(Kind.WORD) ? first.text().toUpperCase(Locale.ROOT) : "";
    }
}
