package dev.slipway.serve;

import dev.slipway.lint.Finding;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.Severity;
import dev.slipway.migrate.MigrationReport;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The one line a commit status and the status page show for a preview build. */
final class BuildSummary {

    private BuildSummary() {
    }

    static String of(LintReport lint, MigrationReport migration) {
        StringBuilder s = new StringBuilder();
        long applied = migration.migrations().stream().filter(m -> "succeeded".equals(m.outcome())).count();
        if (migration.succeeded()) {
            s.append(applied).append(applied == 1 ? " migration" : " migrations").append(" applied");
        } else {
            s.append("migration failed after ").append(applied).append(" applied (").append(migration.errorCode()).append(')');
        }
        s.append("; lint: ").append(count(lint.count(Severity.ERROR), "error")).append(", ")
                .append(count(lint.count(Severity.WARNING), "warning")).append(errorRules(lint));
        longestLock(lint).ifPresent(l -> s.append("; longest lock ").append(l.mode().display()).append(" on ")
                .append(l.table()).append(' ').append(l.heldMillis()).append(" ms"));
        return s.toString();
    }

    /** {@code " (errors: masking-coverage, drop-table)"}: the rules that failed the build, at most three; or "". */
    private static String errorRules(LintReport lint) {
        List<String> rules = lint.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::rule)
                .distinct().toList();
        if (rules.isEmpty()) {
            return "";
        }
        return " (errors: " + String.join(", ", rules.subList(0, Math.min(3, rules.size())))
                + (rules.size() > 3 ? ", …" : "") + ")";
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static Optional<MigrationTrace.ObservedLock> longestLock(LintReport lint) {
        return lint.traces().stream().flatMap(t -> t.locks().stream())
                .max(Comparator.comparingLong(MigrationTrace.ObservedLock::heldMillis));
    }
}
