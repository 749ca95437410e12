package dev.slipway.bench;

import dev.slipway.testing.SlothSeries;
import dev.slipway.testing.LocalPrometheus;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.GateConfig;
import dev.slipway.gate.GateCheck;
import dev.slipway.gate.GateEvaluator;
import dev.slipway.gate.PdbCheck;
import dev.slipway.gate.PrometheusClient;
import dev.slipway.gate.SloCheck;
import dev.slipway.gate.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code slipway bench gate}: a gate of {@code slos} Sloth SLOs and {@code pdbs} PodDisruptionBudgets, evaluated again
 * and again against a local Prometheus (series pushed through remote write) and fabric8's mock API server in-process;
 * reports the p50 and p99 of whole evaluations. The verdict store and the migration check are left out: they are the
 * state database's and the migration engine's time, measured by the other benchmarks.
 */
public final class GateBench {

    /** How big the gate is and how often it is evaluated. */
    public record Options(int slos, int pdbs, int warmUp, int evaluations) {
    }

    private static final String NAMESPACE = "shop";

    private final Options options;
    private final Consumer<String> progress;

    public GateBench(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public GateBenchReport call() {
        Machine machine = Machine.local();
        Path dir = tempDir();
        progress.accept("starting Prometheus and the mock Kubernetes API server");
        try (LocalPrometheus prometheus = LocalPrometheus.startReady(dir, Duration.ofSeconds(30));
             MockPdbs pdbs = MockPdbs.start(NAMESPACE, options.pdbs());
             GateEvaluator evaluator = new GateEvaluator(16, Clock.systemUTC())) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < options.slos(); i++) {
                prometheus.push(SlothSeries.slo("service-" + i, "availability", 0.8, 0.5, 0.4, now));
            }
            GateEvaluator.Plan plan = plan(prometheus, pdbs);
            return measure(evaluator, plan, machine, prometheus, pdbs);
        } finally {
            deleteTree(dir);
        }
    }

    private GateEvaluator.Plan plan(LocalPrometheus prometheus, MockPdbs pdbs) {
        Duration timeout = Duration.ofSeconds(5);
        PrometheusClient client = new PrometheusClient(prometheus.url(), null, timeout, PrometheusClient.httpClient(timeout));
        List<GateCheck> checks = new ArrayList<>();
        for (int i = 0; i < options.slos(); i++) {
            checks.add(new SloCheck(new GateConfig.Slo("service-" + i, "service-" + i, "availability", null, null, 0.25,
                    new GateConfig.BurnWindow(Duration.ofHours(1), 14.4), new GateConfig.BurnWindow(Duration.ofHours(6), 6)),
                    client));
        }
        checks.add(new PdbCheck(pdbs.client(), new GateConfig.Pdb(List.of(NAMESPACE), null, 1)));
        return new GateEvaluator.Plan("bench", checks, timeout, false);
    }

    private GateBenchReport measure(GateEvaluator evaluator, GateEvaluator.Plan plan, Machine machine,
                                    LocalPrometheus prometheus, MockPdbs pdbs) {
        Verdict last = null;
        for (int i = 0; i < options.warmUp(); i++) {
            last = evaluator.evaluate(plan, "bench").verdict();
        }
        progress.accept("timing " + options.evaluations() + " evaluations");
        long[] nanos = new long[options.evaluations()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            last = evaluator.evaluate(plan, "bench").verdict();
            nanos[i] = System.nanoTime() - start;
            if (!last.passed()) {
                throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: the gate failed where every input is healthy: "
                        + last.blocking());
            }
        }
        LatencyStats stats = LatencyStats.of(List.of(nanos));
        return new GateBenchReport(machine, "Prometheus on " + prometheus.url(), "fabric8 mock on " + pdbs.url(),
                options.slos(), options.pdbs(), last.checks().size(), last.outcome().name(), options.warmUp(),
                options.evaluations(), stats, GateBenchReport.TARGET_P99_MS, stats.p99Ms() < GateBenchReport.TARGET_P99_MS);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("slipway-bench-gate-");
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot create a folder for Prometheus: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
