package dev.slipway.lint.sql;

import java.util.Locale;

/**
 * One lexical token of PostgreSQL SQL, with where it starts in its source.
 *
 * @param text   the token exactly as written (quotes and comment markers included)
 * @param offset character offset in the source
 * @param line   1-based line
 * @param column 1-based column
 */
public record Token(Kind kind, String text, int offset, int line, int column) {

    /** What a token is. Only {@link #WORD} tokens are ever keywords. */
    public enum Kind {
        WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING, NUMBER, PARAMETER, OPERATOR,
        OPEN_PAREN, CLOSE_PAREN, OPEN_BRACKET, CLOSE_BRACKET, COMMA, SEMICOLON, DOT, COLON,
        LINE_COMMENT, BLOCK_COMMENT
    }

    public boolean isComment() {
        return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
    }

    /** Whether this is the unquoted word {@code keyword}, compared case-insensitively. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** An identifier's name as PostgreSQL sees it: unquoted words fold to lower case, quoted ones keep theirs. */
    public String identifier() {
        if (kind == Kind.QUOTED_IDENTIFIER) {
            String inner = text.startsWith("U&") ? text.substring(3, text.length() - 1) : text.substring(1, text.length() - 1);
            return inner.replace("\"\"", "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    /** The comment's text without its markers, for a comment token. */
    public String commentBody() {
        if (kind == Kind.LINE_COMMENT) {
            return text.substring(2);
        }
        if (kind == Kind.BLOCK_COMMENT) {
            return text.substring(2, text.length() - 2);
        }
        return "";
    }
}
