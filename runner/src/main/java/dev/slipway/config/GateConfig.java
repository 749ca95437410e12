package dev.slipway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The {@code gate:} section of one environment in {@code slipway.yaml}, validated: which checks decide whether a
 * release may be promoted there, with their thresholds. Secrets are named by environment variable, never held.
 *
 * @param tokenEnv      the variable holding the bearer token of this environment's HTTP API; {@code null}: API off
 * @param unknownPasses whether a check that could not be evaluated (no data, NaN, unreachable) lets the gate pass
 * @param timeout       how long each check may take before it counts as unknown
 * @param pdb           the PodDisruptionBudget check, {@code null} when off
 * @param prometheus    where the SLO queries go, {@code null} when there are no SLOs
 * @param slos          the error-budget checks
 * @param migrations    whether the migration-health check runs
 * @param freeze        when promotion is refused outright
 * @param replicaLag    the most replication lag of any standby of the environment's database that lets a promotion
 *                      pass; {@code null}: not checked
 * @param heavy         which pending migrations are heavy and when they may be promoted; {@code null}: any time
 */
public record GateConfig(String tokenEnv, boolean unknownPasses, Duration timeout, Pdb pdb, Prometheus prometheus,
                         List<Slo> slos, boolean migrations, List<FreezeWindow> freeze, Duration replicaLag,
                         Heavy heavy) {

    public GateConfig {
        slos = List.copyOf(slos);
        freeze = List.copyOf(freeze);
    }

    public GateConfig(String tokenEnv, boolean unknownPasses, Duration timeout, Pdb pdb, Prometheus prometheus,
                      List<Slo> slos, boolean migrations, List<FreezeWindow> freeze) {
        this(tokenEnv, unknownPasses, timeout, pdb, prometheus, slos, migrations, freeze, null, null);
    }

    /**
     * Heavy DDL, promoted only inside performance windows. A pending migration is heavy when, on the traced run of a
     * preview build, it held ACCESS EXCLUSIVE on a table longer than {@code lockHeld}, or rewrote a table larger than
     * {@code rewriteBytes}.
     *
     * @param windows when heavy migrations may be promoted (never empty)
     */
    public record Heavy(Duration lockHeld, long rewriteBytes, List<FreezeWindow> windows) {
        public Heavy {
            windows = List.copyOf(windows);
        }
    }

    /**
     * Every PodDisruptionBudget in {@code namespaces} (all namespaces when empty) matching {@code selector}
     * (all when {@code null}) must allow at least {@code minDisruptionsAllowed} disruptions.
     */
    public record Pdb(List<String> namespaces, String selector, int minDisruptionsAllowed) {
        public Pdb {
            namespaces = List.copyOf(namespaces);
        }
    }

    /** A Prometheus HTTP API and the variable holding its bearer token ({@code null}: none). */
    public record Prometheus(URI url, String tokenEnv) {
    }

    /**
     * One SLO: either Sloth's recording rules for {@code slothService}/{@code slothSlo}, or raw PromQL. A raw
     * {@code burnQuery} contains {@code $window}, replaced by each window ({@code 1h}, {@code 6h}).
     *
     * @param minBudgetRemaining the least share of the error budget (0..1) that must be left
     */
    public record Slo(String name, String slothService, String slothSlo, String budgetQuery, String burnQuery,
                      double minBudgetRemaining, BurnWindow shortWindow, BurnWindow longWindow) {

        public boolean sloth() {
            return slothService != null;
        }
    }

    /** The burn rate over {@code window} must stay at or below {@code max} (multiples of the sustainable rate). */
    public record BurnWindow(Duration window, double max) {
    }
}
