package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.camel.ServeApp;
import dev.slipway.git.LocalOrigin;
import dev.slipway.serve.ReconcileLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reconciliation with many open pull requests and nothing to do. Each pull request gets what a successful build
 * leaves: its open row, a preview cloned from a small golden by {@link dev.slipway.env.LocalProvider} and marked
 * ready at its head, a finished build record. Then the leader's {@link ReconcileLoop#reconcileOnce()} is timed in
 * a serve in this JVM, and serve's resident memory is read from a serve in a JVM of its own once it has reconciled
 * those previews and listed them on {@code /api/v1/previews}.
 */
final class ReconcilePhase {

    static final int RUNS = 10;
    /** Serve's JVM for the memory figure: the JVM's defaults, as {@code ./slipway serve} starts it. */
    static final List<String> SERVE_JVM = List.of();
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final Pattern RECONCILES = Pattern.compile("(?m)^slipway_reconcile_seconds_count(?:\\{[^}]*})? (\\S+)$");
    private static final Pattern READY = Pattern.compile("(?m)^slipway_previews\\{state=\"ready\",?} (\\S+)$");

    private final BenchServer server;
    private final ScratchDatabase state;
    private final LocalOrigin origin;
    private final Path migrations;
    private final Path work;
    private final Consumer<String> progress;

    ReconcilePhase(BenchServer server, ScratchDatabase state, LocalOrigin origin, Path migrations, Path work,
                   Consumer<String> progress) {
        this.server = server;
        this.state = state;
        this.origin = origin;
        this.migrations = migrations;
        this.work = work;
        this.progress = progress;
    }

    ServeBenchReport.Reconcile call(String repo, int prs) {
        try (ScratchDatabase golden = server.createDatabase("tinygolden");
             BenchState previews = new BenchState(state.spec(), server.admin())) {
            new BenchGolden(server, migrations, progress).demo(golden);
            ServeSetup setup = new ServeSetup(work.resolve("reconcile"), repo, origin.url(), server.admin(), state.spec(),
                    golden.name(), prs + 10);
            try {
                create(previews, repo, golden.name(), prs);
                long[] runs = timeReconcile(setup);
                return ServeBenchReport.Reconcile.of(prs, runs, serveMemory(setup, prs));
            } finally {
                progress.accept("  dropping the previews");
                previews.dropPreviews(repo, golden.name());
            }
        }
    }

    private void create(BenchState previews, String repo, String golden, int prs) {
        for (int i = 1; i <= prs; i++) {
            previews.readyPreview(repo, golden, String.valueOf(i), origin.baseSha());
            if (i % 50 == 0 || i == prs) {
                progress.accept(String.format(Locale.ROOT, "  %d of %d previews created and marked ready", i, prs));
            }
        }
    }

    /** One untimed reconciliation after serve's own first one, then {@link #RUNS} timed ones, each with nothing to do. */
    private long[] timeReconcile(ServeSetup setup) {
        progress.accept("  timing reconcileOnce() in a serve in this JVM (leader)");
        try (ServeApp app = setup.startHere("bench-reconcile")) {
            awaitFirstReconcile(app);
            reconcile(app.loop());
            long[] runs = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                reconcile(app.loop());
                runs[i] = (System.nanoTime() - start) / 1_000_000;
            }
            return runs;
        }
    }

    private static void awaitFirstReconcile(ServeApp app) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!app.leadership().isLeader() || app.loop().last() == null) {
            if (System.nanoTime() > deadline) {
                throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: serve did not lead and reconcile within "
                        + STARTUP.toSeconds() + " s of starting");
            }
            LockSupport.parkNanos(ServeClient.POLL.toNanos());
        }
    }

    private static void reconcile(ReconcileLoop loop) {
        ReconcileLoop.Result r = loop.reconcileOnce();
        if (!r.acted() || !r.plan().nothingToDo()) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: a reconciliation that should find nothing to do "
                    + (r.acted() ? "planned " + r.plan().actions() : "did not run (not the leader)"));
        }
    }

    /** Serve's resident memory in a JVM of its own, after it reconciled the previews and listed them once. */
    private ProcessMemory serveMemory(ServeSetup setup, int prs) {
        progress.accept("  serve in a JVM of its own: waiting for it to reconcile " + prs + " previews");
        try (ServeProcess serve = setup.startProcess("bench-rss", SERVE_JVM)) {
            ServeClient client = new ServeClient(ServeClient.newHttp(), setup.url());
            client.awaitText("metrics", text -> {
                requireAlive(serve);
                return number(RECONCILES, text) >= 1 && number(READY, text) == prs;
            }, STARTUP, "serve in its own JVM reconciling " + prs + " previews");
            JsonNode list = client.json("api/v1/previews").path("previews");
            if (list.size() != prs) {
                throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: /api/v1/previews listed " + list.size()
                        + " previews, expected " + prs);
            }
            requireAlive(serve);
            return serve.memory();
        }
    }

    private static void requireAlive(ServeProcess serve) {
        if (!serve.alive()) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: slipway serve in its own JVM stopped: "
                    + serve.logTail());
        }
    }

    private static double number(Pattern metric, String text) {
        Matcher m = metric.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
