package dev.slipway.gate;

/**
 * Decides whether one PodDisruptionBudget lets a rollout evict pods. Pure. It passes when its controller has seen
 * the current spec ({@code observedGeneration ≥ generation}), allows at least the minimum number of disruptions, and
 * its {@code DisruptionAllowed} condition is {@code True}; a status the controller has not written yet is unknown.
 */
public final class PdbJudge {

    private PdbJudge() {
    }

    public static CheckResult judge(PdbStatus p, int minDisruptionsAllowed) {
        String name = "pdb:" + p.id();
        String threshold = "disruptionsAllowed ≥ " + minDisruptionsAllowed;
        if (p.disruptionsAllowed() == null || p.observedGeneration() == null) {
            return CheckResult.unknown(name, threshold, "the disruption controller has not written a status yet");
        }
        String observed = "disruptionsAllowed " + p.disruptionsAllowed() + ", healthy " + count(p.currentHealthy())
                + "/" + count(p.desiredHealthy()) + " (current/desired), generation " + p.observedGeneration() + "/"
                + (p.generation() == null ? "?" : p.generation());
        if (p.generation() != null && p.observedGeneration() < p.generation()) {
            return CheckResult.fail(name, observed, threshold, "stale status: observedGeneration "
                    + p.observedGeneration() + " is behind generation " + p.generation()
                    + ", the controller has not acted on the current spec");
        }
        if (p.disruptionsAllowed() < minDisruptionsAllowed) {
            return CheckResult.fail(name, observed, threshold, "only " + p.disruptionsAllowed()
                    + " disruptions allowed (healthy " + count(p.currentHealthy()) + ", desired "
                    + count(p.desiredHealthy()) + "): a rollout would block on eviction");
        }
        if (!"True".equals(p.disruptionAllowed())) {
            return CheckResult.fail(name, observed, threshold, "condition DisruptionAllowed is "
                    + (p.disruptionAllowed() == null ? "missing" : p.disruptionAllowed())
                    + (p.conditionReason() == null ? "" : " (" + p.conditionReason() + ")"));
        }
        return CheckResult.pass(name, observed, threshold, p.disruptionsAllowed() + " disruptions allowed, healthy "
                + count(p.currentHealthy()) + "/" + count(p.desiredHealthy()));
    }

    private static String count(Integer n) {
        return n == null ? "?" : n.toString();
    }
}
