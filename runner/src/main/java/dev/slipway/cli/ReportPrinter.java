package dev.slipway.cli;

import dev.slipway.config.Durations;
import dev.slipway.migrate.BlockingSession;
import dev.slipway.migrate.MigrationEntry;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.MigrationState;
import dev.slipway.migrate.RetryEvent;
import dev.slipway.migrate.RunProgress;
import dev.slipway.migrate.StatusReport;
import dev.slipway.migrate.StepReport;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** The human-readable output of {@code migrate} and {@code status}: one line per migration, then a summary. */
final class ReportPrinter {

    private final PrintWriter out;

    ReportPrinter(PrintWriter out) {
        this.out = out;
    }

    void header(ResolvedTarget t) {
        out.printf("slipway migrate: %s, %s, %s (lock_timeout %s, statement_timeout %s)%n", t.engine().id(),
                t.target().redactedUrl(), t.location(), Durations.format(t.settings().lockTimeout()),
                Durations.format(t.settings().statementTimeout()));
        out.flush();
    }

    RunProgress progress() {
        return new RunProgress() {
            @Override
            public void migrated(StepReport step) {
                line(step);
            }

            @Override
            public void retrying(RetryEvent retry) {
                retry(retry);
            }

            @Override
            public void droppedInvalidIndex(String index) {
                out.printf("  dropped INVALID index %s left by the failed concurrent build%n", index);
                out.flush();
            }
        };
    }

    private void line(StepReport step) {
        Long n = step.rowsAffected();
        String rows = n == null || n == 0 ? "" : ", " + n + (n == 1 ? " row" : " rows");
        String retries = step.retries() == 0 ? "" : ", " + step.retries() + (step.retries() == 1 ? " retry" : " retries");
        String batches = step.backfill() == null ? "" : ", a backfill in " + step.backfill().batches()
                + (step.backfill().batches() == 1 ? " batch" : " batches")
                + (step.backfill().pauses().isEmpty() ? "" : ", paused " + step.backfill().pauses());
        out.printf("  %-6s %s (%s%s%s%s)%n", "succeeded".equals(step.outcome()) ? "ok" : "FAILED", step.migration(),
                Durations.format(Duration.ofMillis(step.durationMs())), retries, rows, batches);
        out.flush();
    }

    private void retry(RetryEvent r) {
        String who = r.blockers().isEmpty() ? "" : "; blocked by "
                + BlockingSession.describeAll(r.blockers());
        out.printf("  retry  %s: try %d failed on a lock (SQLSTATE %s), next try in %s%s%n", r.migration(), r.attempt(),
                r.sqlState(), Durations.format(Duration.ofMillis(r.delayMs())), who);
        out.flush();
    }

    void summary(MigrationReport r) {
        if ("dry-run".equals(r.outcome())) {
            out.printf("dry run: %d pending, nothing applied%n", r.plan().size());
            r.plan().forEach(line -> out.println("  " + line));
        } else if (r.succeeded()) {
            long n = r.migrations().size();
            out.printf("%s: %d migration%s applied in %s, %d retr%s, run %s%n", n == 0 ? "up to date" : "succeeded", n,
                    n == 1 ? "" : "s", Durations.format(Duration.ofMillis(r.durationMs())), r.retries().size(),
                    r.retries().size() == 1 ? "y" : "ies", r.runId());
        } else {
            out.printf("%s (%s, exit %d), run %s:%n  %s%n", r.outcome(), r.errorCode(), r.exitCode(), r.runId(), r.error());
        }
        out.flush();
    }

    void status(StatusReport r) {
        out.printf("slipway status: %s, %s, %s%n", r.engine(), r.target(), r.location());
        for (MigrationEntry e : r.migrations()) {
            out.printf("  %-14s %s%s%n", e.state().name().toLowerCase(Locale.ROOT).replace('_', ' '), e.displayName(),
                    e.state() == MigrationState.CHECKSUM_DRIFT
                            ? " (stored checksum " + e.stored() + ", current " + e.current() + ")" : "");
        }
        out.println("  " + r.counts().entrySet().stream().filter(c -> c.getValue() > 0)
                .map(c -> c.getValue() + " " + c.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", ")));
        for (BackfillStatus b : r.backfills()) {
            out.printf("  %-14s%s, since %s%n", b.state(), BackfillLine.format(b).substring("  backfill".length()),
                    b.updatedAt());
        }
        out.flush();
    }
}
