package dev.slipway.api;

import dev.slipway.env.EnvironmentProvider;
import dev.slipway.plan.Action;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.PreviewKey;
import dev.slipway.serve.PullRequestRow;
import dev.slipway.serve.ReconcileLoop;
import dev.slipway.serve.RunRow;
import dev.slipway.serve.RunStore;
import dev.slipway.serve.StateStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Joins what the state database, the provider and the last reconciliation know into one view per pull
 * request. Thread-safe.
 */
public final class PreviewViews {

    private final String repo;
    private final StateStore state;
    private final RunStore runs;
    private final EnvironmentProvider provider;
    private final ReconcileLoop loop;

    public PreviewViews(String repo, StateStore state, RunStore runs, EnvironmentProvider provider, ReconcileLoop loop) {
        this.repo = repo;
        this.state = state;
        this.runs = runs;
        this.provider = provider;
        this.loop = loop;
    }

    /** Open pull requests and existing previews, by pull request. */
    public List<PreviewView> all() {
        return views(false);
    }

    /** One pull request's view, open or not, when Slipway knows it. */
    public Optional<PreviewView> one(PreviewKey key) {
        return views(true).stream().filter(v -> v.repo().equals(key.repo()) && v.pr().equals(key.id())).findFirst();
    }

    private List<PreviewView> views(boolean closedToo) {
        Map<PreviewKey, PullRequestRow> prs = new LinkedHashMap<>();
        state.pullRequests(repo).forEach(p -> prs.put(p.key(), p));
        Map<PreviewKey, ActualPreview> previews = new HashMap<>();
        provider.inventory().of(repo).previews().forEach(p -> previews.put(p.key(), p));
        Map<PreviewKey, RunRow> lastRuns = runs.latest(repo);
        Map<PreviewKey, Action> reports = reports();
        List<PreviewView> out = new ArrayList<>();
        prs.values().stream().filter(p -> closedToo || p.state().equals("open") || previews.containsKey(p.key()))
                .forEach(p -> out.add(view(p.key(), p, previews.get(p.key()), lastRuns.get(p.key()), reports.get(p.key()))));
        previews.values().stream().filter(p -> !prs.containsKey(p.key()))
                .forEach(p -> out.add(view(p.key(), null, p, lastRuns.get(p.key()), null)));
        out.sort(Comparator.comparing(v -> new PreviewKey(v.repo(), v.pr())));
        return out;
    }

    private PreviewView view(PreviewKey key, PullRequestRow pr, ActualPreview preview, RunRow run, Action report) {
        String stateName = preview != null ? preview.state().id() : report != null ? reportState(report)
                : pr != null && pr.state().equals("open") ? "pending" : "none";
        return new PreviewView(key.repo(), key.id(), pr == null ? null : pr.branch(),
                pr == null ? preview.headSha() : pr.headSha(), pr == null ? "unknown" : pr.state(), stateName,
                preview == null ? null : preview.name(),
                preview == null ? null : provider.connectionInfo(preview.name()), run, detail(report));
    }

    private Map<PreviewKey, Action> reports() {
        ReconcileLoop.Result last = loop.last();
        Map<PreviewKey, Action> out = new HashMap<>();
        if (last != null) {
            last.plan().actions().stream().filter(a -> !dev.slipway.plan.Plan.changes(a) || expiredDrop(a))
                    .forEach(a -> out.put(a.key(), a));
        }
        return out;
    }

    /** The drop of an idle preview: the pull request shows expired from then on, not pending. */
    private static boolean expiredDrop(Action a) {
        return a instanceof Action.Drop d && d.reason() == Action.DropReason.EXPIRED;
    }

    private static String reportState(Action a) {
        return a instanceof Action.Wait ? "queued" : a instanceof Action.Expired || expiredDrop(a) ? "expired" : "blocked";
    }

    private static String detail(Action a) {
        if (a instanceof Action.Wait w) {
            return "position " + w.position() + " of " + w.queued() + " waiting for a free preview slot";
        }
        if (a instanceof Action.Expired || expiredDrop(a)) {
            return "idle longer than the TTL; push to the pull request to get a preview again";
        }
        if (a instanceof Action.Blocked b) {
            return "database " + b.name() + " exists without Slipway's mark";
        }
        return null;
    }
}
