package dev.slipway.lint.report;

import dev.slipway.config.Sizes;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.MigrationTrace.ObservedLock;
import dev.slipway.lint.MigrationTrace.TableRewrite;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.plan.QueryPlans;
import dev.slipway.lint.Severity;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable report: findings grouped by file, then what the traced run measured, then a summary line. */
public final class TextReport {

    private TextReport() {
    }

    public static void write(LintReport report, PrintWriter out) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            byFile.computeIfAbsent(f.file(), k -> new java.util.ArrayList<>()).add(f);
        }
        byFile.forEach((file, findings) -> {
            out.println(file);
            findings.forEach(f -> finding(f, out));
            out.println();
        });
        if (!report.traces().isEmpty()) {
            traces(report.traces(), out);
        }
        if (!report.plans().isEmpty()) {
            plans(report.plans(), out);
        }
        out.println(summary(report));
    }

    private static void plans(List<QueryPlans> plans, PrintWriter out) {
        out.println("Key queries explained on the copy, before and after the migrations:");
        for (QueryPlans p : plans) {
            String what = p.beforeError() != null ? "not checked, does not plan before: " + p.beforeError()
                    : p.afterError() != null ? "no longer plans: " + p.afterError() : p.change();
            out.printf(Locale.ROOT, "  %s  %s%s%n", p.query(), what, p.regressed() ? "  (regression)" : "");
        }
        out.println();
    }

    private static void finding(Finding f, PrintWriter out) {
        out.printf(Locale.ROOT, "  %s:%d:%d  %-7s  %s%s%n", f.file(), f.line(), f.column(), f.severity().label(), f.rule(),
                Finding.TRACE.equals(f.source()) ? " (measured)" : "");
        out.println("      " + f.message());
        out.println("      why: " + f.why());
        out.println("      instead: " + f.fix());
    }

    private static void traces(List<MigrationTrace> traces, PrintWriter out) {
        out.println("Traced run on a scratch copy of the database:");
        for (MigrationTrace t : traces) {
            out.printf(Locale.ROOT, "  %s  %d ms, %d rows, %s%n", t.migration(), t.millis(), t.rows(),
                    t.transactional() ? "one transaction" : "no transaction");
            for (ObservedLock l : t.locks()) {
                out.printf(Locale.ROOT, "      %-22s %s (%s), held %d ms from line %d%n", l.mode().display(), l.table(),
                        Sizes.format(l.tableBytes()), l.heldMillis(), l.line());
            }
            for (TableRewrite r : t.rewrites()) {
                out.printf(Locale.ROOT, "      rewritten              %s (%s) at line %d%n", r.table(),
                        Sizes.format(r.bytesBefore()), r.line());
            }
            t.notes().forEach(n -> out.println("      note: " + n));
        }
        out.println();
    }

    /** {@code 2 errors, 1 warning in 4 migrations (12 statements, 37 rules)}. */
    public static String summary(LintReport report) {
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        long infos = report.count(Severity.INFO);
        String counts = errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                + (warnings == 1 ? "" : "s") + (infos > 0 ? ", " + infos + " info" : "");
        return counts + " in " + report.migrations() + " migration" + (report.migrations() == 1 ? "" : "s") + " ("
                + report.statements() + " statements, " + report.rules() + " rules"
                + (report.traces().isEmpty() ? "" : ", traced") + ")";
    }
}
