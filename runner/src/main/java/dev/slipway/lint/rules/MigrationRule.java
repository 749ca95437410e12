package dev.slipway.lint.rules;

import dev.slipway.lint.Rule;
import dev.slipway.lint.RuleInfo;
import dev.slipway.lint.Severity;

/** A rule that judges a migration as a whole, in {@link Rule#finish}, once all its statements are known. */
abstract class MigrationRule implements Rule {

    private final RuleInfo info;

    MigrationRule(String id, Severity severity, String title, String why, String fix) {
        this.info = new RuleInfo(id, severity, title, why, fix);
    }

    @Override
    public final RuleInfo info() {
        return info;
    }
}
