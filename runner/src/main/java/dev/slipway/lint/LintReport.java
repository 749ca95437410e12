package dev.slipway.lint;

import java.util.List;

/**
 * What {@code slipway lint} found.
 *
 * @param migrations how many migrations were linted
 * @param statements how many statements were read
 * @param rules      how many rules were on
 * @param findings   in migration order, then by line
 * @param traces     per migration, what a traced run measured; empty without {@code --trace}
 */
public record LintReport(int migrations, int statements, int rules, List<Finding> findings,
                         List<MigrationTrace> traces) {

    public LintReport {
        findings = List.copyOf(findings);
        traces = List.copyOf(traces);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** 1 when any finding is an error, else 0. */
    public int exitCode() {
        return count(Severity.ERROR) > 0 ? 1 : 0;
    }

    public LintReport withTrace(List<Finding> traceFindings, List<MigrationTrace> measured) {
        List<Finding> all = new java.util.ArrayList<>(findings);
        all.addAll(traceFindings);
        return new LintReport(migrations, statements, rules, all, measured);
    }
}
