package dev.slipway.lint.rules;

import dev.slipway.lint.MaskingRules;
import dev.slipway.lint.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every built-in rule, in the order docs/lint.md lists them. */
public final class Rules {

    private static final List<Rule> ALL = collect();

    private Rules() {
    }

    /** Every rule, for listing, documentation and configuration; {@code masking-coverage} here checks nothing. */
    public static List<Rule> all() {
        return ALL;
    }

    /**
     * The rules a lint run uses: every rule, {@code masking-coverage} checking against {@code masking}, or left out
     * when there are no masking rules ({@code null}).
     */
    public static List<Rule> forRun(MaskingRules masking) {
        return ALL.stream().filter(r -> !(r instanceof MaskingCoverage) || masking != null)
                .map(r -> r instanceof MaskingCoverage ? new MaskingCoverage(masking) : r).toList();
    }

    private static List<Rule> collect() {
        List<Rule> rules = new ArrayList<>();
        rules.addAll(IndexRules.all());
        rules.addAll(ConstraintRules.all());
        rules.addAll(ColumnRules.all());
        rules.addAll(TableRules.all());
        rules.addAll(TypeRules.all());
        rules.addAll(TransactionRules.all());
        rules.addAll(BackfillRules.all());
        rules.addAll(DesignRules.all());
        rules.add(new MaskingCoverage(null));
        return Collections.unmodifiableList(rules);
    }
}
