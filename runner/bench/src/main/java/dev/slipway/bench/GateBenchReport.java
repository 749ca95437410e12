package dev.slipway.bench;

/**
 * What {@code slipway bench gate} measured: whole gate evaluations (every check, side by side) against a local
 * Prometheus and the in-process mock API server.
 *
 * @param checks      results per evaluation (two per SLO, one per PDB)
 * @param outcome     the verdict every evaluation gave ({@code PASS} expected: all series and budgets are healthy)
 * @param evaluations timed evaluations, after {@code warmUp} untimed ones
 */
public record GateBenchReport(Machine machine, String prometheus, String apiServer, int slos, int pdbs, int checks,
                              String outcome, int warmUp, int evaluations, LatencyStats latency, double targetP99Ms,
                              boolean targetMet) {

    public static final double TARGET_P99_MS = 200;
}
