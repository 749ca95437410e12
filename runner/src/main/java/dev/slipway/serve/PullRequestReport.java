package dev.slipway.serve;

import dev.slipway.config.Sizes;
import dev.slipway.lint.Finding;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.Severity;
import dev.slipway.lint.plan.QueryPlans;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.StepReport;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Markdown of Slipway's one comment on a pull request, for one build of its preview: the verdict first, then
 * what a reviewer reads before merging: lint findings, the locks and rewrites the traced run measured per
 * statement, the key queries' plan changes, the migrations' and backfills' times on the preview, and whether
 * every new column is covered by a masking rule. Long parts are folded into {@code <details>}; lists are cut at
 * {@value #MAX_ROWS} rows with a count of the rest. Pure.
 */
public final class PullRequestReport {

    /** Rows shown per table; the build's detail has all of them. */
    static final int MAX_ROWS = 25;
    /** GitHub refuses comments above 65,536 characters; stay well under it. */
    static final int MAX_CHARS = 60_000;

    /**
     * One build as the comment tells it.
     *
     * @param preview   the preview database or namespace
     * @param state     {@code succeeded}, {@code failed} or {@code error}
     * @param summary   the build's one line (the commit status's description)
     * @param lint      the lint report, or {@code null} when the build ended before lint
     * @param migration the migration run, or {@code null} when the build ended before it
     * @param masking   the masking rules' path checked by {@code masking-coverage}, or {@code null} when not checked
     * @param link      the build's page
     * @param folder    the repository folder the build's checkout ({@code tree/…} in findings) was taken from
     */
    public record Build(String headSha, String preview, String state, String summary, LintReport lint,
                        MigrationReport migration, String masking, String link, String folder) {
    }

    private PullRequestReport() {
    }

    /** The comment's marker for the commit status context {@code context}: its first line, hidden when rendered. */
    public static String marker(String context) {
        return "<!-- slipway:preview-report context=" + context.replace("--", "-") + " -->";
    }

    /** The comment: {@code marker}, then the report. */
    public static String markdown(String marker, Build b) {
        StringBuilder md = new StringBuilder(marker).append('\n');
        md.append("### ").append(icon(b.state())).append(" Slipway preview `").append(b.preview()).append("`: ")
                .append(verdict(b.state())).append("\n\n");
        md.append(cell(b.summary())).append("\n\n");
        md.append("Head `").append(b.headSha(), 0, Math.min(10, b.headSha().length())).append("` · [build details](")
                .append(b.link()).append(")\n");
        if (b.migration() != null) {
            migrations(md, b.migration(), b.lint());
        }
        if (b.lint() != null) {
            findings(md, b.lint(), b.folder());
            locks(md, b.lint());
            plans(md, b.lint());
            masking(md, b.lint(), b.masking());
        }
        if (md.length() > MAX_CHARS) {
            md.setLength(MAX_CHARS);
            md.append("\n\n… cut at ").append(MAX_CHARS).append(" characters; the build details have everything.\n");
        }
        return md.toString();
    }

    private static String icon(String state) {
        return switch (state) {
            case "succeeded" -> "✅";
            case "failed" -> "❌";
            default -> "⚠️";
        };
    }

    private static String verdict(String state) {
        return switch (state) {
            case "succeeded" -> "ready";
            case "failed" -> "failed";
            default -> "could not be built";
        };
    }

    /** Migration, outcome, time, rows; backfills with their batches and pauses. */
    private static void migrations(StringBuilder md, MigrationReport m, LintReport lint) {
        if (m.migrations().isEmpty()) {
            md.append("\nNo pending migration on the preview.\n");
            return;
        }
        md.append("\n**Migrations on the preview** (").append(duration(m.durationMs())).append(" in all)\n\n")
                .append("| Migration | Outcome | Time | Rows | Traced on a copy |\n|---|---|---:|---:|---|\n");
        for (StepReport s : limit(m.migrations())) {
            md.append("| `").append(code(s.migration())).append("` | ").append(s.outcome())
                    .append(s.retries() > 0 ? " after " + s.retries() + (s.retries() == 1 ? " retry" : " retries") : "")
                    .append(" | ").append(duration(s.durationMs())).append(" | ")
                    .append(s.rowsAffected() == null ? "" : String.format(Locale.ROOT, "%,d", s.rowsAffected()))
                    .append(" | ").append(traced(lint, s.migration())).append(" |\n");
            if (s.backfill() != null) {
                md.append("| ↳ backfill of `").append(code(s.backfill().table())).append("` | ")
                        .append(s.backfill().state()).append(" | | ").append(String.format(Locale.ROOT, "%,d",
                                s.backfill().rowsDone())).append(" | ").append(backfill(s.backfill())).append(" |\n");
            }
        }
        more(md, m.migrations().size());
        if (!m.succeeded() && m.error() != null) {
            md.append("\n> ").append(cell(m.error())).append('\n');
        }
    }

    private static String traced(LintReport lint, String migration) {
        if (lint == null) {
            return "";
        }
        return lint.traces().stream().filter(t -> t.migration().equals(migration)).findFirst()
                .map(t -> duration(t.millis()) + strongest(t).map(l -> ", " + l.mode().display() + " on `"
                        + code(l.table()) + "` " + duration(l.heldMillis())).orElse(""))
                .orElse("—");
    }

    private static Optional<MigrationTrace.ObservedLock> strongest(MigrationTrace t) {
        return t.locks().stream().max(Comparator.comparing(MigrationTrace.ObservedLock::mode)
                .thenComparingLong(MigrationTrace.ObservedLock::heldMillis));
    }

    private static String backfill(BackfillStatus b) {
        String pauses = b.pauses();
        return b.batches() + (b.batches() == 1 ? " batch" : " batches") + (pauses.isEmpty() ? "" : ", paused " + pauses)
                + (b.lagMaxSeconds() >= 0 ? String.format(Locale.ROOT, ", replica lag at most %.1f s", b.lagMaxSeconds()) : "");
    }

    /** Errors and warnings in a table; notes folded away. */
    private static void findings(StringBuilder md, LintReport lint, String folder) {
        List<Finding> shown = lint.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
        List<Finding> notes = lint.findings().stream().filter(f -> f.severity() == Severity.INFO).toList();
        md.append("\n**Lint**: ").append(count(lint.count(Severity.ERROR), "error")).append(", ")
                .append(count(lint.count(Severity.WARNING), "warning")).append(", ")
                .append(count(notes.size(), "note")).append(" over ").append(count(lint.migrations(), "migration"))
                .append('\n');
        if (!shown.isEmpty()) {
            md.append('\n');
            findingTable(md, shown, folder);
        }
        if (!notes.isEmpty()) {
            md.append("\n<details><summary>").append(count(notes.size(), "note")).append("</summary>\n\n");
            findingTable(md, notes, folder);
            md.append("\n</details>\n");
        }
    }

    private static void findingTable(StringBuilder md, List<Finding> findings, String folder) {
        md.append("| | Rule | Where | Message |\n|---|---|---|---|\n");
        for (Finding f : limit(findings)) {
            md.append("| ").append(switch (f.severity()) {
                        case ERROR -> "❌";
                        case WARNING -> "⚠️";
                        default -> "ℹ️";
                    }).append(" | `").append(f.rule()).append("` | `").append(code(where(f, folder))).append("` | ")
                    .append(cell(f.message())).append(" |\n");
        }
        more(md, findings.size());
    }

    /** Per statement: lock mode, table, time held, table size, rewritten or not; rows per migration. */
    private static void locks(StringBuilder md, LintReport lint) {
        List<String[]> rows = new ArrayList<>();
        for (MigrationTrace t : lint.traces()) {
            for (MigrationTrace.ObservedLock l : t.locks()) {
                boolean rewritten = t.rewrites().stream().anyMatch(r -> r.table().equals(l.table()));
                rows.add(new String[] {t.migration(), String.valueOf(l.line()), l.mode().display(), l.table(),
                        duration(l.heldMillis()), bytes(l.tableBytes()), rewritten ? "rewritten" : "no",
                        String.format(Locale.ROOT, "%,d", t.rows())});
            }
        }
        if (rows.isEmpty()) {
            if (!lint.traces().isEmpty()) {
                md.append("\nThe traced run took no table lock.\n");
            }
            return;
        }
        long rewrites = lint.traces().stream().mapToLong(t -> t.rewrites().size()).sum();
        md.append("\n<details><summary>Locks measured on a copy of the preview: ").append(count(rows.size(), "lock"))
                .append(", ").append(count(rewrites, "table rewrite")).append(longest(lint)).append("</summary>\n\n")
                .append("| Migration | Line | Lock | Table | Held | Table size | Rewrite | Rows (migration) |\n")
                .append("|---|---:|---|---|---:|---:|---|---:|\n");
        for (String[] r : limit(rows)) {
            md.append("| `").append(code(r[0])).append("` | ").append(r[1]).append(" | ").append(r[2]).append(" | `")
                    .append(code(r[3])).append("` | ").append(r[4]).append(" | ").append(r[5]).append(" | ")
                    .append(r[6]).append(" | ").append(r[7]).append(" |\n");
        }
        more(md, rows.size());
        md.append("\n</details>\n");
    }

    private static String longest(LintReport lint) {
        return BuildSummary.longestLock(lint).map(l -> "; longest " + l.mode().display() + " on " + l.table() + " "
                + duration(l.heldMillis())).orElse("");
    }

    /** Per key query: regressed or not, and before → after with the cost ratio. */
    private static void plans(StringBuilder md, LintReport lint) {
        if (lint.plans().isEmpty()) {
            return;
        }
        long regressed = lint.plans().stream().filter(QueryPlans::regressed).count();
        md.append("\n**Key queries**: ").append(regressed == 0 ? "no plan regression" : regressed + " of "
                + lint.plans().size() + " regressed").append(" (").append(count(lint.plans().size(), "query"))
                .append(" explained before and after)\n\n");
        List<QueryPlans> ordered = lint.plans().stream()
                .sorted(Comparator.comparing((QueryPlans p) -> !p.regressed())).toList();
        md.append(regressed == 0 ? "<details><summary>Plans</summary>\n\n" : "")
                .append("| | Query | Before → after |\n|---|---|---|\n");
        for (QueryPlans p : limit(ordered)) {
            String change = p.beforeError() != null ? "skipped: did not plan before the migrations: " + p.beforeError()
                    : p.afterError() != null ? "no longer plans: " + p.afterError() : p.change();
            md.append("| ").append(p.regressed() ? "❌" : p.beforeError() != null ? "➖" : "✅").append(" | `")
                    .append(code(p.query())).append("` | ").append(cell(change)).append(" |\n");
        }
        more(md, ordered.size());
        md.append(regressed == 0 ? "\n</details>\n" : "");
    }

    private static void masking(StringBuilder md, LintReport lint, String masking) {
        if (masking == null) {
            md.append("\n**Masking coverage**: not checked (serve.repository.masking is not set).\n");
            return;
        }
        long uncovered = lint.findings().stream().filter(f -> f.rule().equals("masking-coverage")).count();
        md.append("\n**Masking coverage**: ").append(uncovered == 0
                ? "every column the migrations leave has a rule in `" + code(masking) + "`."
                : count(uncovered, "column") + " without a rule in `" + code(masking) + "` (see `masking-coverage` above).")
                .append('\n');
    }

    /** {@code migrations/flyway/V5__a.sql:1}: the finding's place in the repository, not in the build's checkout. */
    private static String where(Finding f, String folder) {
        String file = f.file();
        if (folder != null && file != null && file.startsWith("tree/")) {
            file = (folder.isEmpty() ? "" : folder + "/") + file.substring("tree/".length());
        }
        return file + ":" + f.line();
    }

    private static <T> List<T> limit(List<T> rows) {
        return rows.size() <= MAX_ROWS ? rows : rows.subList(0, MAX_ROWS);
    }

    private static void more(StringBuilder md, int size) {
        if (size > MAX_ROWS) {
            md.append("\n… and ").append(size - MAX_ROWS).append(" more in the build details.\n");
        }
    }

    private static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }

    /** {@code 12 ms}, {@code 4.2 s}, {@code 3 min 5 s}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return millis / 60_000 + " min " + (millis % 60_000) / 1000 + " s";
    }

    static String bytes(long n) {
        return n < 0 ? "" : Sizes.format(n);
    }

    /** Text safe in a table cell: one line, pipes escaped, HTML not interpreted, bounded. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        String one = text.replaceAll("\\s+", " ").strip().replace("\\", "\\\\").replace("|", "\\|")
                .replace("<", "&lt;").replace(">", "&gt;");
        return one.length() <= 300 ? one : one.substring(0, 299) + "…";
    }

    /** Text inside backticks: backticks and pipes cannot close or split it. */
    static String code(String text) {
        return text.replace("`", "'").replace("|", "\\|").replaceAll("\\s+", " ");
    }
}
