package dev.slipway.lint.rules;

import dev.slipway.lint.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every built-in rule, in the order docs/lint.md lists them. */
public final class Rules {

    private static final List<Rule> ALL = collect();

    private Rules() {
    }

    public static List<Rule> all() {
        return ALL;
    }

    private static List<Rule> collect() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(IndexRules.all());
        rules.addAll(ConstraintRules.all());
        rules.addAll(ColumnRules.all());
        rules.addAll(TableRules.all());
        rules.addAll(TypeRules.all());
        rules.addAll(TransactionRules.all());
        rules.addAll(DesignRules.all());
        return Collections.unmodifiableList(rules);
    }
}
