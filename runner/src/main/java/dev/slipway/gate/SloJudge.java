package dev.slipway.gate;

import dev.slipway.config.GateConfig;
import java.util.Locale;

/**
 * Decides an SLO's two checks from what Prometheus answered. Pure.
 *
 * <p>Budget: the share left must be at least the minimum. Burn: multiwindow, as in Google's SRE workbook: the SLO
 * burns too fast only when both the short and the long window are over their limits (the long one shows the burn is
 * significant, the short one that it is still going on); one window over alone passes, with the reason saying so.
 * No data, NaN, several series or a failed query are {@link CheckResult.Result#UNKNOWN}.
 */
public final class SloJudge {

    private SloJudge() {
    }

    public static String budgetName(GateConfig.Slo slo) {
        return "slo-budget:" + slo.name();
    }

    public static String burnName(GateConfig.Slo slo) {
        return "slo-burn:" + slo.name();
    }

    public static CheckResult budget(GateConfig.Slo slo, PromResult result) {
        String name = budgetName(slo);
        String threshold = "≥ " + percent(slo.minBudgetRemaining()) + " left";
        String unknown = whyUnknown(result, "budget query of SLO " + slo.name());
        if (unknown != null) {
            return CheckResult.unknown(name, threshold, unknown);
        }
        double left = ((PromResult.Sample) result).value();
        String observed = percent(left) + " left";
        if (left < slo.minBudgetRemaining()) {
            return CheckResult.fail(name, observed, threshold, "error budget burned: " + percent(left)
                    + " left, under the " + percent(slo.minBudgetRemaining()) + " this environment requires");
        }
        return CheckResult.pass(name, observed, threshold, percent(left) + " of the error budget left");
    }

    public static CheckResult burn(GateConfig.Slo slo, PromResult shortResult, PromResult longResult) {
        String name = burnName(slo);
        GateConfig.BurnWindow s = slo.shortWindow();
        GateConfig.BurnWindow l = slo.longWindow();
        String threshold = label(s) + " ≤ " + rate(s.max()) + " or " + label(l) + " ≤ " + rate(l.max());
        String unknown = whyUnknown(shortResult, label(s) + " burn-rate query of SLO " + slo.name());
        unknown = unknown != null ? unknown : whyUnknown(longResult, label(l) + " burn-rate query of SLO " + slo.name());
        if (unknown != null) {
            return CheckResult.unknown(name, threshold, unknown);
        }
        double sv = ((PromResult.Sample) shortResult).value();
        double lv = ((PromResult.Sample) longResult).value();
        String observed = label(s) + " " + rate(sv) + ", " + label(l) + " " + rate(lv);
        return decideBurn(name, observed, threshold, sv > s.max(), lv > l.max(), s, l);
    }

    private static CheckResult decideBurn(String name, String observed, String threshold, boolean shortOver,
                                          boolean longOver, GateConfig.BurnWindow s, GateConfig.BurnWindow l) {
        if (shortOver && longOver) {
            return CheckResult.fail(name, observed, threshold, "fast burn: the error budget is burning over the limit in "
                    + "both windows (" + label(s) + " over " + rate(s.max()) + ", " + label(l) + " over " + rate(l.max()) + ")");
        }
        if (shortOver) {
            return CheckResult.pass(name, observed, threshold, "a short spike: " + label(s) + " is over its limit but "
                    + label(l) + " is not, so the burn is not significant yet");
        }
        if (longOver) {
            return CheckResult.pass(name, observed, threshold, "recovering: " + label(l) + " is over its limit but "
                    + label(s) + " is back under");
        }
        return CheckResult.pass(name, observed, threshold, "burn rate under the limits in both windows");
    }

    /** Why a result cannot be judged, naming the query; {@code null} when it holds a number. */
    static String whyUnknown(PromResult result, String what) {
        if (result instanceof PromResult.Sample sample) {
            return Double.isNaN(sample.value()) ? what + " gave NaN (no traffic in the window, or a division by zero)"
                    : null;
        }
        if (result instanceof PromResult.Empty) {
            return what + " matched no series (is the recording rule or metric there?)";
        }
        if (result instanceof PromResult.Many many) {
            return what + " matched " + many.count() + " series where one was expected; aggregate it (sum, max)";
        }
        return what + ": " + ((PromResult.Failed) result).message();
    }

    private static String label(GateConfig.BurnWindow w) {
        return SloQueries.window(w.window());
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String rate(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : String.format(Locale.ROOT, "%.2f×", v);
    }
}
