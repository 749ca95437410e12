package dev.slipway.camel;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.git.FetchResult;
import dev.slipway.git.GitMirror;
import dev.slipway.git.OpenPullRequest;
import dev.slipway.plan.PreviewKey;
import dev.slipway.serve.Leadership;
import dev.slipway.serve.PolledPullRequest;
import dev.slipway.serve.SourceTree;
import dev.slipway.serve.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll route's step: fetches the remote and records the open and merged pull requests it shows. An
 * unreachable remote changes nothing (previews stay), is logged and recorded once, and is tried again on the
 * next tick. Only the leader polls. Also the {@link SourceTree} builds read migrations from. Thread-safe.
 */
public final class GitPoller implements SourceTree {

    private static final Logger LOG = LoggerFactory.getLogger(GitPoller.class);

    private final GitMirror mirror;
    private final StateStore state;
    private final String repo;
    private final Leadership leadership;
    private final Clock clock;
    private volatile String lastError;
    private volatile Instant lastFetch;

    public GitPoller(GitMirror mirror, StateStore state, String repo, Leadership leadership, Clock clock) {
        this.mirror = mirror;
        this.state = state;
        this.repo = repo;
        this.leadership = leadership;
        this.clock = clock;
    }

    /** Fetches and records; true when the fetch worked (so a reconciliation should follow). */
    public boolean poll() {
        if (!leadership.isLeader()) {
            return false;
        }
        Instant start = clock.instant();
        try {
            FetchResult r = mirror.fetch();
            if (r.baseSha() == null) {
                throw new SlipwayException(ErrorCode.GIT_UNAVAILABLE, "the fetch of " + repo + " from "
                        + mirror.redactedUrl() + " showed no base branch: pull requests are left as they are (none is "
                        + "closed on a fetch like that) until it shows again; check the URL and baseBranch");
            }
            state.applyPoll(repo, polled(r.open()), polled(r.merged()), start);
            if (lastError != null) {
                LOG.info("the Git remote of {} answers again", repo);
                state.event(new PreviewKey(repo, "-"), "git-recovered", "the Git remote answers again");
            }
            lastError = null;
            lastFetch = start;
            return true;
        } catch (SlipwayException e) {
            if (!e.getMessage().equals(lastError)) {
                LOG.warn("cannot fetch {}: {}; previews stay as they are and the fetch is retried", repo, e.getMessage());
                state.event(new PreviewKey(repo, "-"), "git-unavailable", e.getMessage());
            }
            lastError = e.getMessage();
            return false;
        }
    }

    /** The last fetch error, or {@code null} when the last fetch worked. */
    public String lastError() {
        return lastError;
    }

    public Instant lastFetch() {
        return lastFetch;
    }

    @Override
    public Path extract(String sha, String subPath, Path dir) {
        fetchUnlessKnown(sha);
        return mirror.extract(sha, subPath, dir);
    }

    @Override
    public byte[] file(String sha, String path) {
        fetchUnlessKnown(sha);
        return mirror.file(sha, path);
    }

    private void fetchUnlessKnown(String sha) {
        if (!mirror.exists(sha)) {
            mirror.fetch();
            if (!mirror.exists(sha)) {
                throw new SlipwayException(ErrorCode.GIT_COMMIT_UNKNOWN, "commit " + sha + " is not in "
                        + mirror.redactedUrl() + ", not even after a fetch: the webhook named a head commit that was "
                        + "never pushed there (or was force-pushed away); push to the pull request to build it again");
            }
        }
    }

    private static List<PolledPullRequest> polled(List<OpenPullRequest> prs) {
        return prs.stream().map(p -> new PolledPullRequest(p.id(), p.headSha())).toList();
    }
}
