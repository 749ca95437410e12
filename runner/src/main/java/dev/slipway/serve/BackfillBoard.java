package dev.slipway.serve;

import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backfills serve's builds ran or run on previews, newest status of each, for {@code GET /api/v1/backfills} and
 * the metrics: rows done, batch time, and seconds paused by reason. Thread-safe.
 */
public final class BackfillBoard {

    /** A backfill's newest status on one preview. */
    public record Entry(String preview, BackfillStatus status) {
    }

    private final Map<String, Entry> latest = new ConcurrentHashMap<>();
    private final ServeMetrics metrics;

    public BackfillBoard(ServeMetrics metrics) {
        this.metrics = metrics;
    }

    /** The listener of one build's backfills on {@code preview}. */
    public BackfillListener listener(String preview) {
        return status -> {
            Entry before = latest.put(preview + "\u0000" + status.migration(), new Entry(preview, status));
            metrics.backfill(before == null ? null : before.status(), status);
        };
    }

    /** Every backfill seen, running and paused first, then the newest. */
    public List<Entry> all() {
        return latest.values().stream().sorted(Comparator.comparing((Entry e) -> done(e.status()))
                .thenComparing(e -> e.status().updatedAt(), Comparator.reverseOrder())).toList();
    }

    private static boolean done(BackfillStatus s) {
        return "finished".equals(s.state()) || "failed".equals(s.state());
    }
}
