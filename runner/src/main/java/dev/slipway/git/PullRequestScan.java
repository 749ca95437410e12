package dev.slipway.git;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reads the mirror's refs into a {@link FetchResult}: the base head, and pull requests split into open and merged. */
final class PullRequestScan {

    private final Repository repo;
    private final GitSource source;

    PullRequestScan(Repository repo, GitSource source) {
        this.repo = repo;
        this.source = source;
    }

    /** Reads the refs as they are now; {@code fetchedAt} is stamped on the result. */
    FetchResult scan(Instant fetchedAt) throws IOException {
        Ref base = repo.exactRef(source.baseRef());
        List<OpenPullRequest> all = pullRequests();
        Set<String> merged = base == null ? Set.of() : reachable(base.getObjectId(), all);
        List<OpenPullRequest> open = new ArrayList<>();
        List<OpenPullRequest> done = new ArrayList<>();
        for (OpenPullRequest pr : all) {
            (merged.contains(pr.headSha()) ? done : open).add(pr);
        }
        return new FetchResult(base == null ? null : base.getObjectId().name(), open, done, fetchedAt);
    }

    private List<OpenPullRequest> pullRequests() throws IOException {
        RefLayout layout = source.layout();
        List<OpenPullRequest> out = new ArrayList<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(layout.namespace(source.branchPrefix()))) {
            String id = layout.idOf(ref.getName(), source.branchPrefix());
            if (id != null && !ref.isSymbolic() && ref.getObjectId() != null) {
                out.add(new OpenPullRequest(id, ref.getObjectId().name(), ref.getName()));
            }
        }
        out.sort(Comparator.comparing(OpenPullRequest::id, layout.idOrder()));
        return out;
    }

    /**
     * Which of the heads the base commit reaches, in one walk of the base history that stops once every head is
     * found. A head that is not merged makes it walk the whole history: fine for the sizes a poller sees.
     */
    private Set<String> reachable(ObjectId base, List<OpenPullRequest> prs) throws IOException {
        Set<ObjectId> pending = new HashSet<>();
        prs.forEach(pr -> pending.add(ObjectId.fromString(pr.headSha())));
        Set<String> found = new HashSet<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRetainBody(false);
            walk.markStart(walk.parseCommit(base));
            for (RevCommit commit = walk.next(); commit != null && !pending.isEmpty(); commit = walk.next()) {
                if (pending.remove(commit)) {
                    found.add(commit.name());
                }
            }
        }
        return found;
    }
}
