package dev.slipway.serve;

import dev.slipway.migrate.backfill.BackfillStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The metrics {@code /metrics} serves in Prometheus text: previews by state, reconcile and build durations,
 * webhook deliveries by forge and result. Thread-safe.
 */
public final class ServeMetrics {

    private static final String[] STATES = {"building", "ready", "failed", "queued", "expired", "blocked"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> previews = new ConcurrentHashMap<>();
    private final Timer reconcile;

    public ServeMetrics() {
        for (String s : STATES) {
            AtomicInteger n = new AtomicInteger();
            previews.put(s, n);
            Gauge.builder("slipway_previews", n, AtomicInteger::get).tag("state", s)
                    .description("previews by state, as of the last reconciliation").register(registry);
        }
        reconcile = Timer.builder("slipway_reconcile").description("time to reconcile, including builds")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Sets the preview gauges; states not given are zero. */
    public void previews(Map<String, Integer> byState) {
        previews.forEach((state, n) -> n.set(byState.getOrDefault(state, 0)));
    }

    public void reconciled(Duration took) {
        reconcile.record(took);
    }

    public void built(String outcome, Duration took) {
        Timer.builder("slipway_preview_build").tag("outcome", outcome)
                .description("time from build start to ready or failed: clone, lint, migrations")
                .register(registry).record(took);
    }

    public void delivery(String forge, String result) {
        Counter.builder("slipway_webhook_deliveries").tag("forge", forge).tag("result", result)
                .description("webhook deliveries received").register(registry).increment();
    }

    /**
     * A backfill's progress, {@code before} its previous status in this process ({@code null} at its first): rows
     * done, the last batch's time, and seconds paused by reason, by migration.
     */
    public void backfill(BackfillStatus before, BackfillStatus now) {
        long rows = now.rowsDone() - (before == null ? now.rowsDone() : before.rowsDone());
        if (rows > 0) {
            Counter.builder("slipway_backfill_rows").tag("migration", now.migration())
                    .description("rows backfills updated in committed batches").register(registry).increment(rows);
        }
        if (before != null && now.batchMillis() > 0 && before.batches() != now.batches()) {
            Timer.builder("slipway_backfill_batch").tag("migration", now.migration())
                    .description("time of backfill batches").register(registry).record(Duration.ofMillis(now.batchMillis()));
        }
        now.pausedSeconds().forEach((reason, seconds) -> {
            double delta = seconds - (before == null ? seconds : before.pausedSeconds().getOrDefault(reason, 0.0));
            if (delta > 0) {
                Counter.builder("slipway_backfill_paused_seconds").tag("reason", reason)
                        .description("seconds backfills waited, by reason: lag, slo, lock, duty").register(registry)
                        .increment(delta);
            }
        });
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
