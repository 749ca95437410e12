package dev.slipway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.lint.Finding;
import dev.slipway.lint.LintReport;
import dev.slipway.lint.LockMode;
import dev.slipway.lint.MigrationTrace;
import dev.slipway.lint.Severity;
import dev.slipway.lint.plan.QueryPlans;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.StepReport;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The comment's Markdown: what a reviewer reads, in tables that no finding's text can break. */
class PullRequestReportTest {

    private static final String MARKER = PullRequestReport.marker("slipway/preview");
    private static final String SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

    @Test
    void aFailedBuildShowsItsVerdictFindingsLocksPlansTimingsAndCoverage() {
        LintReport lint = new LintReport(2, 3, 45, List.of(
                finding("require-concurrent-index", Severity.ERROR, 1, "CREATE INDEX on public.customers blocks writes"),
                finding("plan-regression", Severity.WARNING, 2, "key query by_email: Index Scan → Seq Scan"),
                finding("backfill-shape", Severity.INFO, 1, "runs in batches of 1000")),
                List.of(new MigrationTrace("V5__index", "V5__index.sql", true, 4200, 0,
                        List.of(new MigrationTrace.ObservedLock("public.customers", LockMode.SHARE, 4100, 1_363_148_800L, 1)),
                        List.of(), List.of()),
                        new MigrationTrace("V6__retype", "V6__retype.sql", true, 900, 5000,
                        List.of(new MigrationTrace.ObservedLock("public.orders", LockMode.ACCESS_EXCLUSIVE, 850, 8192, 3)),
                        List.of(new MigrationTrace.TableRewrite("public.orders", 8192, 3)), List.of())),
                List.of(new QueryPlans("by_email", "queries.sql", 1, null, null, null, null,
                        "Index Scan using customers_email_idx on customers → Seq Scan on customers; cost 8.3 → 1,250.0 (151×)", true),
                        new QueryPlans("recent_orders", "queries.sql", 4, null, null, null, null, "cost 12.0 → 12.0 (1.0×)", false)));
        MigrationReport migration = report(List.of(
                new StepReport("V5__index", "index", 4300, 1, 0L, "succeeded", null),
                new StepReport("V6__retype", "retype", 950, 0, 5000L, "succeeded", backfill())), 5300, null);

        String md = PullRequestReport.markdown(MARKER, new PullRequestReport.Build(SHA, "slipway_pr_2", "failed",
                "2 migrations applied; lint: 1 error, 1 warning (errors: require-concurrent-index)", lint, migration,
                "migrations/masking.yaml", "http://slipway.example/api/v1/runs/1", "migrations/flyway"));

        assertThat(md).startsWith(MARKER + "\n### ❌ Slipway preview `slipway_pr_2`: failed")
                .contains("Head `ec26c3e57c` · [build details](http://slipway.example/api/v1/runs/1)")
                .contains("| `V5__index` | succeeded after 1 retry | 4.3 s | 0 | 4.2 s, SHARE on `public.customers` 4.1 s |")
                .contains("| ↳ backfill of `public.orders` | finished | | 5,000 | 6 batches, paused 7.5 s for lag, replica lag at most 0.7 s |")
                .contains("**Lint**: 1 error, 1 warning, 1 note over 2 migrations")
                .contains("| ❌ | `require-concurrent-index` | `migrations/flyway/V5__index.sql:1` | CREATE INDEX on public.customers blocks writes |")
                .contains("<details><summary>1 note</summary>")
                .contains("Locks measured on a copy of the preview: 2 locks, 1 table rewrite; longest SHARE on public.customers 4.1 s")
                .contains("| `V5__index` | 1 | SHARE | `public.customers` | 4.1 s | 1.3 GB | no | 0 |")
                .contains("| `V6__retype` | 3 | ACCESS EXCLUSIVE | `public.orders` | 850 ms | 8.0 kB | rewritten | 5,000 |")
                .contains("**Key queries**: 1 of 2 regressed")
                .contains("| ❌ | `by_email` | Index Scan using customers_email_idx on customers → Seq Scan on customers; cost 8.3 → 1,250.0 (151×) |")
                .contains("**Masking coverage**: every column the migrations leave has a rule in `migrations/masking.yaml`.");
        assertThat(md.indexOf("`by_email`")).isLessThan(md.indexOf("`recent_orders`"));
    }

    @Test
    void textFromMigrationsCannotBreakTheTablesOrInjectHtml() {
        LintReport lint = new LintReport(1, 1, 45, List.of(finding("drop-column", Severity.ERROR, 1,
                "drops a | b <script>alert(1)</script>\nsecond line")), List.of());

        String md = PullRequestReport.markdown(MARKER, new PullRequestReport.Build(SHA, "p", "failed", "s", lint, null,
                null, "http://x/", "migrations/flyway"));

        assertThat(md).contains("| drops a \\| b &lt;script&gt;alert(1)&lt;/script&gt; second line |")
                .doesNotContain("<script>")
                .contains("**Masking coverage**: not checked (serve.repository.masking is not set).");
    }

    @Test
    void longListsAreCutWithACountOfTheRest() {
        List<Finding> many = IntStream.rangeClosed(1, 40).mapToObj(i -> finding("r" + i, Severity.WARNING, i, "m" + i))
                .toList();
        String md = PullRequestReport.markdown(MARKER, new PullRequestReport.Build(SHA, "p", "succeeded", "s",
                new LintReport(1, 40, 45, many, List.of()), null, null, "http://x/", "migrations/flyway"));

        assertThat(md).contains("`r25`").doesNotContain("`r26`").contains("… and 15 more in the build details.");
        assertThat(md.length()).isLessThan(PullRequestReport.MAX_CHARS);
    }

    @Test
    void aBuildThatCouldNotRunSaysSoWithItsError() {
        String md = PullRequestReport.markdown(MARKER, new PullRequestReport.Build(SHA, "slipway_pr_9", "error",
                "error: commit ec26c3e5 is not in the repository", null, null, null, "http://x/", "migrations/flyway"));

        assertThat(md).contains("### ⚠️ Slipway preview `slipway_pr_9`: could not be built")
                .contains("error: commit ec26c3e5 is not in the repository").doesNotContain("**Lint**");
    }

    @Test
    void theMarkerCannotBeClosedByTheContext() {
        assertThat(PullRequestReport.marker("a-->b")).isEqualTo("<!-- slipway:preview-report context=a->b -->");
    }

    private static Finding finding(String rule, Severity severity, int line, String message) {
        return new Finding(rule, severity, "tree/V5__index.sql", line, 1, "V5__index", message, "why", "fix", null,
                Finding.STATIC);
    }

    private static MigrationReport report(List<StepReport> steps, long millis, String error) {
        return new MigrationReport(UUID.randomUUID(), "flyway", "11", "jdbc:postgresql://x/p", "migrations",
                error == null ? "succeeded" : "failed", steps, List.of(), List.of(), List.of(), millis, null, error,
                error == null ? 0 : 1);
    }

    private static BackfillStatus backfill() {
        return new BackfillStatus("V6__retype", "public.orders", "finished", null, 5000, 5000, 6, 1000, List.of("5000"),
                Map.of("lag", 7.5, "duty", 0.01), 0.7, 20, 900, Instant.EPOCH, Instant.EPOCH);
    }
}
