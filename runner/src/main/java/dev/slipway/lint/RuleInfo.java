package dev.slipway.lint;

/**
 * What a rule is, for reports and the table in docs/lint.md.
 *
 * @param id       stable identifier, used in suppressions, configuration and SARIF
 * @param severity the default severity
 * @param title    what it catches, in a few words
 * @param why      why that is unsafe on a live database
 * @param fix      the safe alternative
 */
public record RuleInfo(String id, Severity severity, String title, String why, String fix) {
}
