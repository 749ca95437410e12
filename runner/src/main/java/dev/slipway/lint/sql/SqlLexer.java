package dev.slipway.lint.sql;

import dev.slipway.lint.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL SQL into tokens: line and nested block comments, quoted identifiers
 * ({@code "x"}, {@code U&"x"}), standard, escape ({@code E'…'}), bit, hex, national and Unicode
 * strings, dollar-quoted bodies ({@code $$…$$}, {@code $tag$…$tag$}), numbers, parameters and
 * punctuation. Keywords are not recognised here: they are {@link Kind#WORD} tokens, so text inside a
 * string, comment or body can never look like one. Not thread-safe; one instance per source.
 */
public final class SqlLexer {

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int lineStart;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    /**
     * @throws SqlSyntaxException for an unterminated string, identifier, comment or dollar-quoted body,
     *                            at the position where it starts
     */
    public static List<Token> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance(1);
            } else {
                next(c);
            }
        }
    }

    private void next(char c) {
        char n = peek(1);
        if (c == '-' && n == '-') {
            lineComment();
        } else if (c == '/' && n == '*') {
            blockComment();
        } else if (c == '\'') {
            quoted(Kind.STRING, 0, '\'', false);
        } else if (c == '"') {
            quoted(Kind.QUOTED_IDENTIFIER, 0, '"', false);
        } else if (c == '$') {
            dollar();
        } else if (isWordStart(c)) {
            wordOrPrefixedString(c, n);
        } else if (Character.isDigit(c) || c == '.' && Character.isDigit(n)) {
            number();
        } else {
            punctuation(c, n);
        }
    }

    private void lineComment() {
        int end = sql.indexOf('\n', pos);
        emit(Kind.LINE_COMMENT, end < 0 ? sql.length() : end);
    }

    private void blockComment() {
        int depth = 0;
        int i = pos;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    emit(Kind.BLOCK_COMMENT, i);
                    return;
                }
            } else {
                i++;
            }
        }
        throw unterminated("block comment");
    }

    /** A quoted token starting {@code prefix} characters before the opening quote. */
    private void quoted(Kind kind, int prefix, char quote, boolean backslashEscapes) {
        int i = pos + prefix + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                emit(kind, i + 1);
                return;
            } else {
                i++;
            }
        }
        throw unterminated(kind == Kind.STRING ? "string" : "quoted identifier");
    }

    private void dollar() {
        int i = pos + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
            emit(Kind.PARAMETER, i);
            return;
        }
        while (i < sql.length() && isWordPart(sql.charAt(i)) && sql.charAt(i) != '$') {
            i++;
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            emit(Kind.OPERATOR, pos + 1);
            return;
        }
        String tag = sql.substring(pos, i + 1);
        int close = sql.indexOf(tag, i + 1);
        if (close < 0) {
            throw unterminated("dollar-quoted body " + tag);
        }
        emit(Kind.DOLLAR_STRING, close + tag.length());
    }

    private void wordOrPrefixedString(char c, char n) {
        char lower = Character.toLowerCase(c);
        if (n == '\'' && lower == 'e') {
            quoted(Kind.STRING, 1, '\'', true);
        } else if (n == '\'' && (lower == 'b' || lower == 'x' || lower == 'n')) {
            quoted(Kind.STRING, 1, '\'', false);
        } else if (lower == 'u' && n == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            quoted(peek(2) == '"' ? Kind.QUOTED_IDENTIFIER : Kind.STRING, 2, peek(2), false);
        } else {
            int i = pos + 1;
            while (i < sql.length() && isWordPart(sql.charAt(i))) {
                i++;
            }
            emit(Kind.WORD, i);
        }
    }

    private void number() {
        int i = pos;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.' || sql.charAt(i) == '_'
                || (sql.charAt(i) == '+' || sql.charAt(i) == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E'))) {
            if (sql.charAt(i) == '.' && i + 1 < sql.length() && sql.charAt(i + 1) == '.') {
                break;
            }
            i++;
        }
        emit(Kind.NUMBER, i);
    }

    private void punctuation(char c, char n) {
        switch (c) {
            case '(' -> emit(Kind.OPEN_PAREN, pos + 1);
            case ')' -> emit(Kind.CLOSE_PAREN, pos + 1);
            case '[' -> emit(Kind.OPEN_BRACKET, pos + 1);
            case ']' -> emit(Kind.CLOSE_BRACKET, pos + 1);
            case ',' -> emit(Kind.COMMA, pos + 1);
            case ';' -> emit(Kind.SEMICOLON, pos + 1);
            case '.' -> emit(Kind.DOT, pos + 1);
            case ':' -> emit(n == ':' || n == '=' ? Kind.OPERATOR : Kind.COLON, pos + (n == ':' || n == '=' ? 2 : 1));
            default -> operator();
        }
    }

    private void operator() {
        int i = pos + 1;
        while (i < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0
                && !sql.startsWith("--", i) && !sql.startsWith("/*", i)) {
            i++;
        }
        emit(Kind.OPERATOR, i);
    }

    private void emit(Kind kind, int end) {
        tokens.add(new Token(kind, sql.substring(pos, end), pos, line, pos - lineStart + 1));
        advance(end - pos);
    }

    private void advance(int count) {
        for (int end = pos + count; pos < end; pos++) {
            if (sql.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
        }
    }

    private char peek(int ahead) {
        return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : '\0';
    }

    private SqlSyntaxException unterminated(String what) {
        int column = pos - lineStart + 1;
        return new SqlSyntaxException("unterminated " + what + " starting at line " + line + ", column " + column
                + ": it is never closed, so the rest of the file cannot be read", line, column);
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
