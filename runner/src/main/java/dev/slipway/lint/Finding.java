package dev.slipway.lint;

/**
 * One problem the linter found.
 *
 * @param rule      the rule's id
 * @param file      the file, relative to the working directory when it is below it
 * @param line      1-based line of the statement (for Liquibase, of the changeset)
 * @param column    1-based column, 1 when unknown
 * @param migration the migration's name (Flyway script, Liquibase {@code id::author})
 * @param message   what is wrong with this statement, naming the subject
 * @param why       why it is unsafe
 * @param fix       what to do instead
 * @param statement the statement, shortened, or {@code null}
 * @param source    {@code static} for rules over the SQL text, {@code trace} for what a traced run measured
 */
public record Finding(String rule, Severity severity, String file, int line, int column, String migration,
                      String message, String why, String fix, String statement, String source) {

    public static final String STATIC = "static";
    public static final String TRACE = "trace";

    /** {@code file:line}, the way editors and CI logs link to a place. */
    public String location() {
        return file + ":" + line;
    }

    Finding withSeverity(Severity s) {
        return new Finding(rule, s, file, line, column, migration, message, why, fix, statement, source);
    }
}
