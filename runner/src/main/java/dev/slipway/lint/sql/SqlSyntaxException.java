package dev.slipway.lint.sql;

/**
 * SQL the lexer cannot read (an unterminated string, comment or dollar-quoted body). Carries the
 * position so the linter can report it as a finding on that line and go on with other files.
 */
public final class SqlSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;

    public SqlSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
