package dev.slipway.lint;

import dev.slipway.lint.plan.QueryPlans;
import java.util.List;

/**
 * What {@code slipway lint} found.
 *
 * @param migrations how many migrations were linted
 * @param statements how many statements were read
 * @param rules      how many rules were on
 * @param findings   in migration order, then by line
 * @param traces     per migration, what a traced run measured; empty without {@code --trace}
 * @param plans      per key query, its plans before and after the traced run's migrations; empty without key queries
 */
public record LintReport(int migrations, int statements, int rules, List<Finding> findings,
                         List<MigrationTrace> traces, List<QueryPlans> plans) {

    public LintReport {
        findings = List.copyOf(findings);
        traces = List.copyOf(traces);
        plans = List.copyOf(plans);
    }

    /** A report without plans. */
    public LintReport(int migrations, int statements, int rules, List<Finding> findings, List<MigrationTrace> traces) {
        this(migrations, statements, rules, findings, traces, List.of());
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** 1 when any finding is an error, else 0. */
    public int exitCode() {
        return count(Severity.ERROR) > 0 ? 1 : 0;
    }

    public LintReport withTrace(List<Finding> traceFindings, List<MigrationTrace> measured) {
        return withTrace(traceFindings, measured, List.of());
    }

    /** This report with a traced run's findings after its own, its measurements and its key queries' plans. */
    public LintReport withTrace(List<Finding> traceFindings, List<MigrationTrace> measured, List<QueryPlans> explained) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(traceFindings);
        return new LintReport(migrations, statements, rules, all, measured, explained);
    }
}
