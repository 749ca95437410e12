package dev.slipway.lint;

/**
 * One migration to lint, in the order the engine would apply it.
 *
 * @param name          the migration's name in reports (Flyway script, Liquibase {@code id::author})
 * @param file          the file to point findings at, relative to the working directory when below it
 * @param anchorLine    when not {@code null}, every finding points at this line (a Liquibase changeset,
 *                      whose SQL is generated); else at the statement's own line
 * @param inTransaction {@code true}/{@code false} when the migration's configuration says so, {@code null}
 *                      when the engine decides from the statements (Flyway's default)
 * @param sql           reads the SQL that will run, when the linter gets to this migration
 */
public record LintMigration(String name, String file, Integer anchorLine, Boolean inTransaction, SqlSource sql) {

    /** The SQL of a migration, read on demand so only one file is in memory at a time. */
    @FunctionalInterface
    public interface SqlSource {
        /** @throws UnlintableException when the SQL cannot be read as text (binary, too big, not UTF-8) */
        String read();
    }

    /** A migration whose SQL cannot be linted at all; the linter reports it and goes on. */
    public static final class UnlintableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnlintableException(String message) {
            super(message);
        }
    }
}
