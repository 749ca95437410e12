package dev.slipway.lint.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a key query's plan after the migrations with its plan before. Pure: it reads two plans and decides.
 *
 * @param lostIndexes indexes the plan used before and no longer uses
 * @param seqScanned  tables read through an index before and by a sequential scan only after
 * @param costBefore  total cost before
 * @param costAfter   total cost after
 * @param costRose    whether the cost rose by more than the allowed ratio
 * @param message     {@code before → after; cost a → b (r×)}, for the finding and the PR comment
 */
public record PlanComparison(List<String> lostIndexes, List<String> seqScanned, double costBefore, double costAfter,
                             boolean costRose, String message) {

    public PlanComparison {
        lostIndexes = List.copyOf(lostIndexes);
        seqScanned = List.copyOf(seqScanned);
    }

    /**
     * @param maxCostRatio a cost after above {@code maxCostRatio} times the cost before is a regression
     */
    public static PlanComparison of(Plan before, Plan after, double maxCostRatio) {
        List<String> lost = before.indexes().stream().filter(i -> !after.indexes().contains(i)).toList();
        List<String> seq = before.scans().stream().filter(Plan.Scan::usesIndex).map(Plan.Scan::relation).distinct()
                .filter(r -> onlySequential(after.scansOf(r))).toList();
        boolean rose = before.totalCost() > 0 ? after.totalCost() > before.totalCost() * maxCostRatio
                : after.totalCost() > 0;
        Set<String> changed = new LinkedHashSet<>(seq);
        before.scans().stream().filter(s -> lost.contains(s.index())).forEach(s -> changed.add(s.relation()));
        return new PlanComparison(lost, seq, before.totalCost(), after.totalCost(), rose,
                message(before, after, changed));
    }

    /** Whether the plan after is worse by any of the measures. */
    public boolean regressed() {
        return !lostIndexes.isEmpty() || !seqScanned.isEmpty() || costRose;
    }

    private static boolean onlySequential(List<Plan.Scan> scans) {
        return !scans.isEmpty() && scans.stream().allMatch(Plan.Scan::sequential);
    }

    private static String message(Plan before, Plan after, Set<String> changed) {
        String cost = "cost " + cost(before.totalCost()) + " → " + cost(after.totalCost())
                + ratio(before.totalCost(), after.totalCost());
        if (changed.isEmpty()) {
            return cost;
        }
        return scans(before, changed) + " → " + scans(after, changed) + "; " + cost;
    }

    private static String scans(Plan plan, Set<String> relations) {
        List<String> parts = new ArrayList<>();
        for (String r : relations) {
            List<Plan.Scan> scans = plan.scansOf(r);
            parts.add(scans.isEmpty() ? "no scan of " + r
                    : scans.stream().map(Plan.Scan::toString).distinct().collect(Collectors.joining(", ")));
        }
        return String.join(", ", parts);
    }

    /** {@code 1,250.0}. */
    public static String cost(double cost) {
        return String.format(Locale.ROOT, "%,.1f", cost);
    }

    /** {@code  (150×)}, {@code  (2.5×)}; nothing when the cost before was zero. */
    static String ratio(double before, double after) {
        if (before <= 0) {
            return "";
        }
        double r = after / before;
        return String.format(Locale.ROOT, r >= 10 ? " (%,.0f×)" : " (%.1f×)", r);
    }
}
