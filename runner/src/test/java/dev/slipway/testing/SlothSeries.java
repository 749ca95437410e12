package dev.slipway.testing;

import java.util.List;
import java.util.Map;

/**
 * The series Sloth's recording rules would hold for one SLO, with chosen values: what a gate reads, without running
 * the rules. Burn rates are given as multiples of the budget; the SLO's objective is 99.9 % (budget ratio 0.001).
 */
public final class SlothSeries {

    public static final double ERROR_BUDGET = 0.001;

    private SlothSeries() {
    }

    /**
     * @param budgetLeft share of the period's budget left (NaN allowed)
     * @param burnShort  burn rate over 1h
     * @param burnLong   burn rate over 6h
     */
    public static List<RemoteWrite.Series> slo(String service, String slo, double budgetLeft, double burnShort,
                                               double burnLong, long timestampMs) {
        String id = service + "-" + slo;
        return List.of(
                series("slo:period_error_budget_remaining:ratio", id, service, slo, null, budgetLeft, timestampMs),
                series("slo:error_budget:ratio", id, service, slo, null, ERROR_BUDGET, timestampMs),
                series("slo:sli_error:ratio_rate1h", id, service, slo, "1h", burnShort * ERROR_BUDGET, timestampMs),
                series("slo:sli_error:ratio_rate6h", id, service, slo, "6h", burnLong * ERROR_BUDGET, timestampMs));
    }

    private static RemoteWrite.Series series(String name, String id, String service, String slo, String window,
                                             double value, long ts) {
        Map<String, String> labels = window == null
                ? Map.of("__name__", name, "sloth_id", id, "sloth_service", service, "sloth_slo", slo)
                : Map.of("__name__", name, "sloth_id", id, "sloth_service", service, "sloth_slo", slo, "sloth_window", window);
        return new RemoteWrite.Series(labels, value, ts);
    }
}
