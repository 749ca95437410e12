package dev.slipway.lint.plan;

/**
 * One query of the key queries file.
 *
 * @param name       as its {@code -- name:} line gives it
 * @param sql        the statement, without the semicolon
 * @param parameters the highest {@code $n} it uses; 0 when it has none
 * @param line       the line of its {@code -- name:} line
 */
public record KeyQuery(String name, String sql, int parameters, int line) {
}
