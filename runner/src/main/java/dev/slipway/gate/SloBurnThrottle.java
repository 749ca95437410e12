package dev.slipway.gate;

import dev.slipway.config.GateConfig;
import dev.slipway.migrate.backfill.BackfillSettings;
import dev.slipway.migrate.backfill.Throttle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Pauses a backfill while an SLO of the environment's gate burns its error budget too fast: the short-window burn
 * rate (the one the gate's burn check reads first) above the backfill's {@code max-burn}, or above the SLO's own
 * short-window limit when the backfill sets none. Prometheus is asked at most every {@value #EVERY_SECONDS} s; what
 * it cannot answer holds the backfill unless the gate lets unknown results pass.
 */
public final class SloBurnThrottle implements Throttle {

    static final int EVERY_SECONDS = 10;

    private final List<GateConfig.Slo> slos;
    private final PrometheusClient prometheus;
    private final boolean unknownPasses;
    private final LongSupplier nanos;
    private long askedAt = Long.MIN_VALUE;
    private List<PromResult> last = List.of();

    public SloBurnThrottle(GateConfig gate, PrometheusClient prometheus, LongSupplier nanos) {
        this.slos = gate.slos();
        this.prometheus = prometheus;
        this.unknownPasses = gate.unknownPasses();
        this.nanos = nanos;
    }

    @Override
    public Optional<Hold> check(BackfillSettings settings) {
        long now = nanos.getAsLong();
        if (askedAt == Long.MIN_VALUE || now - askedAt >= EVERY_SECONDS * 1_000_000_000L) {
            List<CompletableFuture<PromResult>> asked = slos.stream()
                    .map(slo -> prometheus.query(SloQueries.burn(slo, slo.shortWindow().window()))).toList();
            last = asked.stream().map(CompletableFuture::join).toList();
            askedAt = now;
        }
        for (int i = 0; i < slos.size(); i++) {
            GateConfig.Slo slo = slos.get(i);
            double max = settings.maxBurn() > 0 ? settings.maxBurn() : slo.shortWindow().max();
            String window = SloQueries.window(slo.shortWindow().window());
            PromResult r = last.get(i);
            if (r instanceof PromResult.Sample s && !Double.isNaN(s.value())) {
                if (s.value() > max) {
                    return Optional.of(new Hold("slo", String.format(Locale.ROOT, "SLO %s burns its error budget at "
                            + "%s over %s (max %s)", slo.name(), SloJudge.rate(s.value()), window, SloJudge.rate(max))));
                }
            } else if (!unknownPasses) {
                return Optional.of(new Hold("slo", "SLO " + slo.name() + "'s burn rate over " + window + " is unknown ("
                        + SloJudge.whyUnknown(r, "burn rate") + ")"));
            }
        }
        return Optional.empty();
    }
}
