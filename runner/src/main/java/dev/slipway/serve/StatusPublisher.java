package dev.slipway.serve;

import dev.slipway.SlipwayException;
import dev.slipway.plan.DesiredPreview;
import dev.slipway.status.CommitState;
import dev.slipway.status.CommitStatus;
import dev.slipway.status.CommitStatusReporter;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports builds as commit statuses on the pull request's head, with a link to the build. A forge that
 * refuses or cannot be reached is logged and counted, never fails the build. Thread-safe.
 */
public final class StatusPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPublisher.class);

    private final CommitStatusReporter reporter;
    private final URI publicUrl;
    private final String context;
    private final AtomicLong failures = new AtomicLong();

    public StatusPublisher(CommitStatusReporter reporter, URI publicUrl, String context) {
        this.reporter = reporter;
        this.publicUrl = publicUrl;
        this.context = context;
    }

    public void pending(DesiredPreview pr, UUID run, String description) {
        send(pr, CommitState.PENDING, run, description);
    }

    /** A pending status without a build yet: queued behind the cap on previews. */
    public void waiting(DesiredPreview pr, String description) {
        send(pr, CommitState.PENDING, null, description);
    }

    public void finished(DesiredPreview pr, UUID run, boolean ok, String summary) {
        send(pr, ok ? CommitState.SUCCESS : CommitState.FAILURE, run, summary);
    }

    /** Statuses the forge refused or never received. */
    public long failures() {
        return failures.get();
    }

    /** The page of build {@code run}, or the status page when there is no build. */
    public String link(UUID run) {
        return publicUrl.resolve(run == null ? "/" : "/api/v1/runs/" + run).toString();
    }

    private void send(DesiredPreview pr, CommitState state, UUID run, String description) {
        String link = link(run);
        try {
            reporter.report(new CommitStatus(pr.key().repo(), pr.headSha(), state, description, link, context));
        } catch (SlipwayException e) {
            failures.incrementAndGet();
            LOG.warn("commit status {} for {} at {} not reported: {}", state, pr.key(), pr.headSha(), e.getMessage());
        }
    }
}
