package dev.slipway.lint;

import java.util.List;

/** Findings about the input itself rather than about what the SQL does to a database. */
public final class MetaRules {

    public static final RuleInfo SYNTAX_ERROR = new RuleInfo("syntax-error", Severity.ERROR,
            "SQL that cannot be read",
            "the statement cannot be linted, and PostgreSQL would reject it",
            "fix the statement at the position given; the statements before it were linted");

    public static final RuleInfo UNLINTABLE_FILE = new RuleInfo("unlintable-file", Severity.ERROR,
            "a migration file that is not SQL text",
            "a binary, non-UTF-8 or oversized file cannot be reviewed, and the engine would fail on it or run it unseen",
            "store the migration as UTF-8 SQL text; split a huge data load into a separate, reviewed step");

    public static final RuleInfo SUPPRESSION_WITHOUT_REASON = new RuleInfo("suppression-without-reason", Severity.ERROR,
            "a slipway:allow comment without a reason",
            "a reviewer cannot tell why the risk was accepted, so the suppression is ignored",
            "write it as: -- slipway:allow RULE_ID reason: why this is safe here");

    public static final RuleInfo SUPPRESSION_UNKNOWN_RULE = new RuleInfo("suppression-unknown-rule", Severity.ERROR,
            "a slipway:allow comment naming a rule that does not exist",
            "a mistyped rule id suppresses nothing, so the finding it meant to accept still fails the build",
            "use one of the rule ids listed by slipway lint --list-rules");

    public static final List<RuleInfo> ALL = List.of(SYNTAX_ERROR, UNLINTABLE_FILE, SUPPRESSION_WITHOUT_REASON,
            SUPPRESSION_UNKNOWN_RULE);

    private MetaRules() {
    }
}
