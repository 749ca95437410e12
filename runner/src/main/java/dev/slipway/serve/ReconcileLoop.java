package dev.slipway.serve;

import dev.slipway.SlipwayException;
import dev.slipway.env.EnvironmentProvider;
import dev.slipway.plan.Action;
import dev.slipway.plan.DesiredPreview;
import dev.slipway.plan.Plan;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation: reads the open pull requests from the state database and the previews from the provider,
 * asks the {@link Reconciler} for a plan, and carries it out: drops first, then rebuilds and creates one at a
 * time. Only the leader acts. Called from one thread at a time (the route's single consumer); the last plan
 * and result may be read from any thread.
 */
public final class ReconcileLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    /** What a reconciliation did. */
    public record Result(boolean acted, Plan plan, Instant at, Duration took) {
    }

    private static final String EXPIRED =
            "no preview: the head has not moved for longer than the TTL; push to the pull request to get one again";

    private final String repo;
    private final StateStore state;
    private final EnvironmentProvider provider;
    private final Reconciler reconciler;
    private final PreviewBuilder builder;
    private final StatusPublisher status;
    private final Leadership leadership;
    private final ServeMetrics metrics;
    private final Clock clock;
    private final Map<PreviewKey, String> reported = new ConcurrentHashMap<>();
    private final Set<PreviewKey> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Result last;

    public ReconcileLoop(String repo, StateStore state, EnvironmentProvider provider, Reconciler reconciler,
                         PreviewBuilder builder, StatusPublisher status, Leadership leadership, ServeMetrics metrics,
                         Clock clock) {
        this.repo = repo;
        this.state = state;
        this.provider = provider;
        this.reconciler = reconciler;
        this.builder = builder;
        this.status = status;
        this.leadership = leadership;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Reconciles once if this replica leads; a standby returns at once with {@code acted} false. */
    public Result reconcileOnce() {
        Instant start = clock.instant();
        if (!leadership.isLeader()) {
            return new Result(false, new Plan(List.of()), start, Duration.ZERO);
        }
        long term = leadership.term();
        List<DesiredPreview> desired = state.desired(repo);
        EnvironmentProvider.Inventory inventory = provider.inventory().of(repo);
        Plan plan = reconciler.plan(desired, inventory.previews(), inventory.foreign(), Set.copyOf(inFlight), start);
        gauges(inventory, plan);
        for (Action a : plan.actions()) {
            if (!leadership.holds(term)) {
                LOG.warn("leadership lost during reconciliation; the new leader carries out the rest");
                break;
            }
            carryOut(a, term);
        }
        Duration took = Duration.between(start, clock.instant());
        metrics.reconciled(took);
        last = new Result(true, plan, start, took);
        if (!plan.nothingToDo()) {
            LOG.info("reconciled {} in {} ms: {} actions", repo, took.toMillis(), plan.actions().size());
        }
        return last;
    }

    public Result last() {
        return last;
    }

    private void carryOut(Action a, long term) {
        try {
            if (a instanceof Action.Drop d) {
                drop(d);
            } else if (a instanceof Action.Rebuild r) {
                build(r.pr(), r.old().name(), r.old(), reason(r.reason()), term);
            } else if (a instanceof Action.Create c) {
                build(c.pr(), c.name(), null, "create", term);
            } else if (a instanceof Action.Wait w) {
                once(w.pr(), "queued", "waiting for a free preview slot: position " + w.position() + " of " + w.queued());
            } else if (a instanceof Action.Expired e) {
                once(e.pr(), "expired", EXPIRED);
            } else if (a instanceof Action.Blocked b) {
                once(b.pr(), "blocked", "no preview: " + (provider.kind().equals("kubernetes") ? "namespace '" : "database '") + b.name()
                        + "' exists without Slipway's mark and is left alone; rename or drop it");
            }
        } catch (SlipwayException e) {
            LOG.error("{} for {} failed: {}", a.getClass().getSimpleName(), a.key(), e.getMessage());
            state.event(a.key(), "error", e.getMessage());
        }
    }

    private static String reason(Action.RebuildReason r) {
        return r == Action.RebuildReason.NEW_HEAD ? "new-head" : "interrupted";
    }

    private void drop(Action.Drop d) {
        provider.drop(d.preview());
        reported.remove(d.key());
        if (d.reason() == Action.DropReason.EXPIRED) {
            reported.put(d.key(), marker("expired", d.preview().headSha(), EXPIRED));
        }
        String why = d.reason() == Action.DropReason.CLOSED ? "the pull request is closed or merged"
                : "its head has not moved for longer than the TTL";
        state.event(d.key(), d.reason() == Action.DropReason.CLOSED ? "dropped" : "expired",
                "dropped preview " + d.preview().name() + ": " + why);
        LOG.info("dropped preview {} of {}: {}", d.preview().name(), d.key(), why);
    }

    private void build(DesiredPreview pr, String name, dev.slipway.plan.ActualPreview old, String reason, long term) {
        inFlight.add(pr.key());
        reported.remove(pr.key());
        Instant start = clock.instant();
        try {
            PreviewBuilder.Outcome o = builder.build(pr, name, old, reason, () -> leadership.holds(term));
            metrics.built(o.state(), Duration.between(start, clock.instant()));
        } finally {
            inFlight.remove(pr.key());
        }
    }

    /** Reports a non-acting decision once per pull request head, not on every reconciliation. */
    private void once(DesiredPreview pr, String kind, String message) {
        String marker = marker(kind, pr.headSha(), message);
        if (marker.equals(reported.put(pr.key(), marker))) {
            return;
        }
        state.event(pr.key(), kind, message);
        if (!kind.equals("expired")) {
            status.waiting(pr, message);
        }
    }

    private static String marker(String kind, String headSha, String message) {
        return kind + "@" + headSha + ":" + message;
    }

    private void gauges(EnvironmentProvider.Inventory inventory, Plan plan) {
        Map<String, Integer> byState = new HashMap<>();
        inventory.previews().forEach(p -> byState.merge(p.state().id(), 1, Integer::sum));
        byState.put("queued", plan.of(Action.Wait.class).size());
        byState.put("expired", plan.of(Action.Expired.class).size());
        byState.put("blocked", plan.of(Action.Blocked.class).size());
        metrics.previews(byState);
    }
}
