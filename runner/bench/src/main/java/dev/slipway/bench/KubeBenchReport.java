package dev.slipway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code slipway bench kube} measured against the mock API server: API requests per preview created (create and
 * the mark ready) and per preview destroyed, and reconciliations of many previews with nothing to do.
 */
public record KubeBenchReport(Machine machine, int previews, Requests create, Requests destroy, Reconcile reconcile,
                              List<Check> checks) {

    public static final int MAX_REQUESTS = 20;
    public static final long RECONCILE_MS = 2000;

    /**
     * Requests per preview.
     *
     * @param perPreview the count of each preview, in order
     * @param byKind     the requests of the first preview, by {@code METHOD resource}
     */
    public record Requests(List<Integer> perPreview, int median, int max, Map<String, Integer> byKind) {

        static Requests of(List<Integer> counts, Map<String, Integer> byKind) {
            List<Integer> sorted = counts.stream().sorted().toList();
            return new Requests(counts, sorted.get((sorted.size() - 1) / 2), sorted.get(sorted.size() - 1), byKind);
        }
    }

    /**
     * Reconciliations (inventory from the API server, then the plan) of {@code previews} ready previews whose pull
     * requests are all open at the same head.
     *
     * @param requests API requests of all timed runs
     * @param writes   of which anything but GET
     * @param actions  actions planned in the last run (expected: none)
     */
    public record Reconcile(int previews, List<Long> runsMs, long maxMs, int requests, int writes, int actions) {
    }

    static KubeBenchReport of(Machine machine, int previews, Requests create, Requests destroy, Reconcile reconcile) {
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("API requests per preview created (max)", String.valueOf(create.max()), "≤ " + MAX_REQUESTS,
                create.max() <= MAX_REQUESTS));
        checks.add(new Check("API requests per preview destroyed (max)", String.valueOf(destroy.max()),
                "≤ " + MAX_REQUESTS, destroy.max() <= MAX_REQUESTS));
        checks.add(new Check("reconcile of " + reconcile.previews() + " previews, nothing to do (slowest run)",
                reconcile.maxMs() + " ms", "< " + RECONCILE_MS + " ms", reconcile.maxMs() < RECONCILE_MS));
        checks.add(new Check("write requests during those reconciles", String.valueOf(reconcile.writes()), "0",
                reconcile.writes() == 0 && reconcile.actions() == 0));
        return new KubeBenchReport(machine, previews, create, destroy, reconcile, checks);
    }

    public boolean targetsMet() {
        return checks.stream().allMatch(Check::passed);
    }

    /** The report as the CLI prints it. */
    public String text() {
        String params = String.format(Locale.ROOT, "%d previews created and destroyed one by one through the "
                + "kubernetes provider on fabric8's mock API server (CRUD mode, simulated controller); reconcile of %d "
                + "ready previews, %d timed runs", previews, reconcile.previews(), reconcile.runsMs().size());
        TextTable t = new TextTable().row("", "median", "max", "first preview, by request")
                .row("requests per preview created", String.valueOf(create.median()), String.valueOf(create.max()),
                        create.byKind().toString())
                .row("requests per preview destroyed", String.valueOf(destroy.median()), String.valueOf(destroy.max()),
                        destroy.byKind().toString());
        TextTable r = new TextTable().row("reconcile, nothing to do", "runs", "slowest", "requests", "writes")
                .row(reconcile.previews() + " previews", reconcile.runsMs() + " ms", reconcile.maxMs() + " ms",
                        String.valueOf(reconcile.requests()), String.valueOf(reconcile.writes()));
        return ReportText.header("kube", machine, params) + "\n" + t + "\n" + r + "\n"
                + ReportText.checks(checks, targetsMet());
    }
}
