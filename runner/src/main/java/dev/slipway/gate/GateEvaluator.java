package dev.slipway.gate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a gate's checks side by side on a bounded pool and combines them into a {@link Verdict}. A check that has not
 * answered within the timeout of the evaluation's start, or that threw, is {@link CheckResult.Result#UNKNOWN} with
 * the reason: never a pass. Thread-safe: serve evaluates several gates at once on one evaluator.
 */
public final class GateEvaluator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GateEvaluator.class);

    /** What to evaluate: the environment's checks and its policy. */
    public record Plan(String environment, List<GateCheck> checks, Duration timeout, boolean unknownPasses) {
        public Plan {
            checks = List.copyOf(checks);
        }
    }

    /** A verdict and what each check looked at, by check name. */
    public record Evaluation(Verdict verdict, Map<String, Object> inputs) {
    }

    private final ExecutorService pool;
    private final Clock clock;

    public GateEvaluator(int threads, Clock clock) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "slipway-gate-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        this.pool = p;
        this.clock = clock;
    }

    /** Runs every check of {@code plan} for {@code commit} (may be {@code null}) and decides. */
    public Evaluation evaluate(Plan plan, String commit) {
        Instant at = clock.instant();
        long start = System.nanoTime();
        List<CompletableFuture<List<CheckResult>>> running = plan.checks().stream()
                .map(c -> start(c, plan.timeout())).toList();
        List<CheckResult> results = new ArrayList<>();
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (int i = 0; i < running.size(); i++) {
            GateCheck check = plan.checks().get(i);
            results.addAll(running.get(i).join());
            inputs.put(check.name(), check.inputs());
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Verdict v = new Verdict(UUID.randomUUID(), plan.environment(), commit, at,
                Verdict.decide(results, plan.unknownPasses()), plan.unknownPasses(), results, ms);
        LOG.info("gate {} for {}: {} ({} checks, {} ms)", plan.environment(), commit, v.outcome(), results.size(), ms);
        return new Evaluation(v, inputs);
    }

    private CompletableFuture<List<CheckResult>> start(GateCheck check, Duration timeout) {
        return CompletableFuture.supplyAsync(check::run, pool)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> List.of(unknown(check, timeout, e)));
    }

    private static CheckResult unknown(GateCheck check, Duration timeout, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return CheckResult.unknown(check.name(), null, "no answer within the per-check timeout of "
                    + dev.slipway.config.Durations.format(timeout));
        }
        LOG.warn("gate check {} could not run: {}", check.name(), cause.toString());
        String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return CheckResult.unknown(check.name(), null, "could not run: " + message);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
