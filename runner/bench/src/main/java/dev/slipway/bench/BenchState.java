package dev.slipway.bench;

import dev.slipway.audit.RunLog;
import dev.slipway.db.ConnectionPool;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.env.LocalProvider;
import dev.slipway.env.PreviewTarget;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewNames;
import dev.slipway.plan.PreviewState;
import dev.slipway.serve.PullRequestUpdate;
import dev.slipway.serve.RunStore;
import dev.slipway.serve.StateStore;
import dev.slipway.webhook.PullRequestState;
import java.time.Instant;
import java.util.List;

/**
 * Serve's own state and provider classes, used from outside a running serve: to set up previews the way a
 * build leaves them, and to remove a repository's previews afterwards. Closing it closes its connections.
 */
final class BenchState implements AutoCloseable {

    private final ConnectionPool pool;
    private final StateStore state;
    private final RunStore runs;
    private final ConnectionSpec server;

    /**
     * @param stateDb Slipway's state database (its schema is created when missing)
     * @param server  the connection previews are created and dropped through
     */
    BenchState(ConnectionSpec stateDb, ConnectionSpec server) {
        RunLog.ensureSchema(stateDb);
        this.pool = new ConnectionPool(stateDb, "slipway-bench", 2);
        this.state = new StateStore(pool);
        this.runs = new RunStore(state);
        this.server = server;
    }

    /**
     * What a successful build leaves for pull request {@code id} of {@code repo}: the open pull request row, a
     * preview cloned from {@code golden} by {@link LocalProvider#create} and marked ready, and a finished build record.
     */
    void readyPreview(String repo, String golden, String id, String headSha) {
        PreviewKey key = new PreviewKey(repo, id);
        String name = PreviewNames.of(key);
        state.apply(new PullRequestUpdate(key, headSha, "feature/pr-" + id, PullRequestState.OPEN, Instant.now(), "github"));
        java.util.UUID run = runs.start(key, headSha, name, "create", "slipway-bench");
        LocalProvider provider = new LocalProvider(server, golden, runs);
        PreviewTarget target = provider.create(name, key, headSha);
        provider.mark(target, PreviewState.READY);
        runs.finish(run, "succeeded", "5 migrations applied; lint: 0 errors, 0 warnings", null, null);
    }

    /** Drops every preview of {@code repo} through the provider, which checks each one's mark first. */
    int dropPreviews(String repo, String golden) {
        LocalProvider provider = new LocalProvider(server, golden, runs);
        List<ActualPreview> ours = provider.inventory().previews().stream().filter(p -> p.key().repo().equals(repo)).toList();
        ours.forEach(provider::drop);
        return ours.size();
    }

    @Override
    public void close() {
        pool.close();
    }
}
