package dev.slipway.gate;

import dev.slipway.config.GateConfig;
import java.time.Duration;

/**
 * The PromQL of an SLO check: the configured queries, or the ones that read Sloth's recording rules
 * ({@code slo:period_error_budget_remaining:ratio}, {@code slo:sli_error:ratio_rate<window>} divided by
 * {@code slo:error_budget:ratio}). Pure.
 */
public final class SloQueries {

    private SloQueries() {
    }

    /** The share of the error budget left over the SLO's period (1 = untouched, 0 = spent, below 0 = overspent). */
    public static String budget(GateConfig.Slo slo) {
        return slo.sloth() ? "slo:period_error_budget_remaining:ratio" + selector(slo) : slo.budgetQuery();
    }

    /** The burn rate over {@code window}: the error ratio as a multiple of the ratio the budget allows. */
    public static String burn(GateConfig.Slo slo, Duration window) {
        if (!slo.sloth()) {
            return slo.burnQuery().replace("$window", window(window));
        }
        return "slo:sli_error:ratio_rate" + window(window) + selector(slo)
                + " / ignoring(sloth_window) slo:error_budget:ratio" + selector(slo);
    }

    /** A whole number of minutes in PromQL's notation, the way Sloth names its windows: 5m, 30m, 1h, 6h, 1d, 3d. */
    public static String window(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return minutes / (24 * 60) + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    private static String selector(GateConfig.Slo slo) {
        return "{sloth_service=\"" + slo.slothService() + "\", sloth_slo=\"" + slo.slothSlo() + "\"}";
    }
}
