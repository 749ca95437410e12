package dev.slipway.serve;

import dev.slipway.SlipwayException;
import dev.slipway.plan.PreviewKey;
import dev.slipway.status.CommentReportException;
import dev.slipway.status.CommentThread;
import dev.slipway.status.PullRequestCommenter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts each build's report on its pull request as Slipway's one comment, off the build's thread: a build hands the
 * Markdown over and goes on. One sender thread; per pull request only the newest report is kept, so a report that
 * waits behind a slow or unreachable forge is replaced by the next build's, never sent after it. A forge that does not
 * answer, rate-limits or fails (5xx) is tried again with a doubling pause, up to {@code tries} times; any other
 * refusal (token, permissions) is logged once per report and counted. Branch-based pull requests (no number) get
 * no comment. Thread-safe.
 */
public final class CommentPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommentPublisher.class);

    /** How often and how patiently a report is retried. */
    public record Retry(Duration first, Duration max, int tries) {
        public static final Retry DEFAULT = new Retry(Duration.ofSeconds(2), Duration.ofMinutes(5), 10);
    }

    private record Pending(String body, long generation, int attempt) {
    }

    private final PullRequestCommenter commenter;
    private final String marker;
    private final Retry retry;
    private final Map<PreviewKey, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-pr-comments");
        t.setDaemon(true);
        return t;
    });

    /** @param marker the comment's first line (see {@link PullRequestReport#marker}) */
    public CommentPublisher(PullRequestCommenter commenter, String marker, Retry retry) {
        this.commenter = commenter;
        this.marker = marker;
        this.retry = retry;
    }

    /** The marker every comment body starts with. */
    public String marker() {
        return marker;
    }

    /** Queues {@code body} (starting with the marker) as the comment of {@code key}'s pull request; returns at once. */
    public void publish(PreviewKey key, String body) {
        if (!key.id().matches("\\d{1,18}")) {
            LOG.debug("no comment for {}: it is a branch, not a numbered pull request", key);
            return;
        }
        pending.put(key, new Pending(body, generations.incrementAndGet(), 0));
        submit(key, Duration.ZERO);
    }

    /** Reports the forge took, created or edited. */
    public long posted() {
        return posted.get();
    }

    /** Reports given up on: refused, or still failing after every try. */
    public long failures() {
        return failures.get();
    }

    private void submit(PreviewKey key, Duration delay) {
        try {
            sender.schedule(() -> send(key), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            LOG.debug("comment for {} not sent: serve is stopping", key);
        }
    }

    private void send(PreviewKey key) {
        Pending p = pending.get(key);
        if (p == null) {
            return;
        }
        CommentThread thread = new CommentThread(key.repo(), Long.parseLong(key.id()));
        try {
            PullRequestCommenter.Posted done = commenter.upsert(thread, marker, p.body());
            pending.remove(key, p);
            posted.incrementAndGet();
            LOG.info("pull request comment {} {} on {}", done.id(), done.created() ? "created" : "edited", thread);
        } catch (CommentReportException e) {
            if (e.retryable() && p.attempt() + 1 < retry.tries()) {
                Duration wait = backoff(p.attempt());
                if (pending.replace(key, p, new Pending(p.body(), p.generation(), p.attempt() + 1))) {
                    LOG.warn("pull request comment on {} not sent (try {} of {}), trying again in {} s: {}", thread,
                            p.attempt() + 1, retry.tries(), wait.toSeconds(), e.getMessage());
                    submit(key, wait);
                }
                return;
            }
            giveUp(key, p, thread, e);
        } catch (SlipwayException | IllegalArgumentException e) {
            giveUp(key, p, thread, e);
        }
    }

    private void giveUp(PreviewKey key, Pending p, CommentThread thread, RuntimeException e) {
        if (pending.remove(key, p)) {
            failures.incrementAndGet();
            LOG.error("pull request comment on {} not sent, given up after {} {}: {}", thread, p.attempt() + 1,
                    p.attempt() == 0 ? "try" : "tries", e.getMessage());
        }
    }

    private Duration backoff(int attempt) {
        long millis = retry.first().toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(millis, retry.max().toMillis()));
    }

    /** Stops sending; reports still waiting are dropped (the next build after a restart reports again). */
    @Override
    public void close() {
        sender.shutdownNow();
    }
}
