package dev.slipway.gate;

import dev.slipway.config.GateConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One SLO's error budget and burn rate, from Prometheus: three instant queries at once, judged by {@link SloJudge}. */
public final class SloCheck implements GateCheck {

    private final GateConfig.Slo slo;
    private final PrometheusClient prometheus;

    public SloCheck(GateConfig.Slo slo, PrometheusClient prometheus) {
        this.slo = slo;
        this.prometheus = prometheus;
    }

    @Override
    public String name() {
        return "slo:" + slo.name();
    }

    @Override
    public Object inputs() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("prometheus", prometheus.base().toString());
        in.put("budgetQuery", SloQueries.budget(slo));
        in.put("shortBurnQuery", SloQueries.burn(slo, slo.shortWindow().window()));
        in.put("longBurnQuery", SloQueries.burn(slo, slo.longWindow().window()));
        in.put("minBudgetRemaining", slo.minBudgetRemaining());
        in.put("shortWindow", Map.of("window", SloQueries.window(slo.shortWindow().window()), "max", slo.shortWindow().max()));
        in.put("longWindow", Map.of("window", SloQueries.window(slo.longWindow().window()), "max", slo.longWindow().max()));
        return in;
    }

    @Override
    public List<CheckResult> run() {
        CompletableFuture<PromResult> budget = prometheus.query(SloQueries.budget(slo));
        CompletableFuture<PromResult> shortBurn = prometheus.query(SloQueries.burn(slo, slo.shortWindow().window()));
        CompletableFuture<PromResult> longBurn = prometheus.query(SloQueries.burn(slo, slo.longWindow().window()));
        return List.of(SloJudge.budget(slo, budget.join()), SloJudge.burn(slo, shortBurn.join(), longBurn.join()));
    }
}
