package dev.slipway.cli;

import dev.slipway.config.Durations;
import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A backfill's progress on stderr: a line at most every second while it runs, and at once when it pauses, resumes,
 * retries or ends: rows, rows/s, ETA, batch size and time, and what holds it.
 */
final class BackfillLine implements BackfillListener {

    private static final long EVERY = Duration.ofSeconds(1).toNanos();

    private final PrintWriter err;
    private final LongSupplier nanos;
    private long printedAt = Long.MIN_VALUE;
    private String lastState;
    private String lastReason;

    BackfillLine(PrintWriter err, LongSupplier nanos) {
        this.err = err;
        this.nanos = nanos;
    }

    @Override
    public void progressed(BackfillStatus s) {
        long now = nanos.getAsLong();
        boolean changed = !Objects.equals(s.state(), lastState) || !Objects.equals(s.reason(), lastReason);
        if (!changed && printedAt != Long.MIN_VALUE && now - printedAt < EVERY) {
            return;
        }
        lastState = s.state();
        lastReason = s.reason();
        printedAt = now;
        err.println(format(s));
        err.flush();
    }

    static String format(BackfillStatus s) {
        StringBuilder b = new StringBuilder("  backfill ").append(s.migration()).append(" (").append(s.table()).append("): ")
                .append(String.format(Locale.ROOT, "%,d", s.rowsDone()));
        if (s.rowsEstimate() > 0) {
            b.append(String.format(Locale.ROOT, " of ~%,d rows (%d %%)", s.rowsEstimate(),
                    Math.min(100, Math.round(100.0 * s.rowsDone() / s.rowsEstimate()))));
        } else {
            b.append(" rows");
        }
        if ("finished".equals(s.state())) {
            return b.append(String.format(Locale.ROOT, ", finished in %,d batches", s.batches())).append(paused(s)).toString();
        }
        b.append(String.format(Locale.ROOT, ", %,.0f rows/s", s.rowsPerSecond()));
        double eta = s.etaSeconds();
        if (eta >= 0) {
            b.append(", ETA ").append(Durations.format(Duration.ofSeconds(Math.round(eta))));
        }
        b.append(String.format(Locale.ROOT, ", batch %,d rows", s.batchSize()));
        if (s.batches() > 0) {
            b.append(" (last ").append(Durations.format(Duration.ofMillis(s.batchMillis()))).append(')');
        }
        if ("paused".equals(s.state())) {
            b.append(", PAUSED: ").append(s.reason());
        } else if ("failed".equals(s.state())) {
            b.append(", STOPPED: ").append(s.reason());
        } else if (s.reason() != null) {
            b.append(", ").append(s.reason());
        }
        return b.toString();
    }

    private static String paused(BackfillStatus s) {
        return s.pauses().isEmpty() ? "" : ", paused " + s.pauses();
    }
}
