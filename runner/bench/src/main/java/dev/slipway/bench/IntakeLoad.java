package dev.slipway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A load generator for serve's GitHub hook: a fixed pool of senders, every delivery with a fresh id (so none is a
 * duplicate). Closed loop ({@link #run}): each sender posts its next delivery as soon as its previous one was
 * answered, which finds the most serve sustains. Paced ({@link #paced}): delivery {@code i} is due at
 * {@code i / rate} seconds, and its answer time counts from when it was due, so that a sender falling behind
 * shows as latency instead of silently lowering the load.
 */
final class IntakeLoad {

    /**
     * One run.
     *
     * @param failed deliveries answered with a status other than 2xx, or not answered at all
     * @param nanos  from the first send to the last answer
     */
    record Result(int deliveries, int failed, long nanos, LatencyStats answers) {
    }

    private final HttpClient http;
    private final URI hook;
    private final List<SignedDeliveries.Body> bodies;
    private final int senders;

    IntakeLoad(HttpClient http, URI hook, List<SignedDeliveries.Body> bodies, int senders) {
        this.http = http;
        this.hook = hook;
        this.bodies = List.copyOf(bodies);
        this.senders = senders;
    }

    /** Sends {@code count} deliveries as fast as the senders get answers, cycling through the bodies. */
    Result run(int count) {
        return send(count, 0);
    }

    /** Sends {@code count} deliveries at {@code perSecond}, as long as the senders keep up. */
    Result paced(int count, double perSecond) {
        return send(count, perSecond);
    }

    private Result send(int count, double perSecond) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<LatencyLog> logs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            long interval = perSecond > 0 ? Math.round(1e9 / perSecond) : 0;
            for (int i = 0; i < senders; i++) {
                LatencyLog log = new LatencyLog();
                logs.add(log);
                running.add(pool.submit(() -> sender(next, count, start, interval, failed, log)));
            }
            awaitAll(running);
            long nanos = System.nanoTime() - start;
            return new Result(count, failed.get(), nanos, LatencyStats.of(logs.stream()
                    .map(l -> l.overlapping(Long.MIN_VALUE, Long.MAX_VALUE)).toList()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends deliveries until {@code count} are taken; with an interval, each one waits for its due time. */
    private void sender(AtomicInteger next, int count, long start, long interval, AtomicInteger failed, LatencyLog log) {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            long due = start + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long from = interval > 0 ? due : System.nanoTime();
            if (!post(bodies.get(i % bodies.size()))) {
                failed.incrementAndGet();
            }
            log.record(from, System.nanoTime());
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /** Posts one delivery; true when serve answered 2xx. */
    private boolean post(SignedDeliveries.Body body) {
        try {
            HttpResponse<Void> r = http.send(SignedDeliveries.request(hook, body, UUID.randomUUID().toString()),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitAll(List<Future<?>> running) {
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a webhook sender failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending webhooks", e);
            }
        }
    }
}
