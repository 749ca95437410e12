package dev.slipway.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the previews that should exist with the ones that do and returns the difference as a
 * {@link Plan}. Pure and deterministic: the same inputs give the same plan, so a lost, duplicated or
 * reordered event cannot leave a wrong state; the next reconciliation sees the same world and decides the
 * same. Thread-safe (stateless).
 */
public final class Reconciler {

    private final ReconcilePolicy policy;
    private final Function<PreviewKey, String> naming;

    /** A reconciler naming previews as databases ({@link PreviewNames}). */
    public Reconciler(ReconcilePolicy policy) {
        this(policy, PreviewNames::of);
    }

    /**
     * @param naming the provider's name for a pull request's preview, e.g. {@link NamespaceNames#of}; it must be
     *               pure and give distinct names to distinct keys
     */
    public Reconciler(ReconcilePolicy policy, Function<PreviewKey, String> naming) {
        this.policy = policy;
        this.naming = naming;
    }

    /**
     * @param desired  open pull requests with their head commits
     * @param actual   previews carrying Slipway's ownership mark
     * @param foreign  names of unmarked objects that look like previews
     * @param inFlight previews being built right now by this process: their BUILDING state is not an interruption
     * @param now      the clock, for the TTL
     */
    public Plan plan(Collection<DesiredPreview> desired, Collection<ActualPreview> actual,
                     Collection<ActualPreview.Foreign> foreign, Set<PreviewKey> inFlight, Instant now) {
        Map<PreviewKey, DesiredPreview> wanted = desired.stream()
                .collect(Collectors.toMap(DesiredPreview::key, d -> d, Reconciler::newer, HashMap::new));
        Map<PreviewKey, ActualPreview> existing = actual.stream()
                .collect(Collectors.toMap(ActualPreview::key, a -> a, (a, b) -> a, HashMap::new));
        Set<String> foreignNames = foreign.stream().map(ActualPreview.Foreign::name).collect(Collectors.toSet());
        Set<String> takenNames = actual.stream().map(ActualPreview::name).collect(Collectors.toSet());

        List<Action> drops = new ArrayList<>();
        List<Action> rebuilds = new ArrayList<>();
        List<DesiredPreview> toCreate = new ArrayList<>();
        List<Action> reports = new ArrayList<>();
        for (ActualPreview a : sorted(existing.values(), ActualPreview::key)) {
            DesiredPreview d = wanted.get(a.key());
            if (d == null) {
                drops.add(new Action.Drop(a, Action.DropReason.CLOSED));
            } else if (idle(d, now)) {
                drops.add(new Action.Drop(a, Action.DropReason.EXPIRED));
            } else if (!a.headSha().equals(d.headSha())) {
                rebuilds.add(new Action.Rebuild(d, a, Action.RebuildReason.NEW_HEAD));
            } else if (a.state() == PreviewState.BUILDING && !inFlight.contains(a.key())) {
                rebuilds.add(new Action.Rebuild(d, a, Action.RebuildReason.INTERRUPTED));
            }
        }
        for (DesiredPreview d : sorted(wanted.values(), DesiredPreview::key)) {
            if (existing.containsKey(d.key()) || inFlight.contains(d.key())) {
                continue;
            }
            String name = naming.apply(d.key());
            if (idle(d, now)) {
                reports.add(new Action.Expired(d));
            } else if (foreignNames.contains(name) || takenNames.contains(name)) {
                reports.add(new Action.Blocked(d, name));
            } else {
                toCreate.add(d);
            }
        }
        List<Action> creates = admit(toCreate, existing.size() + inFlightOnly(inFlight, existing) - drops.size(), reports);
        List<Action> all = new ArrayList<>(drops);
        all.addAll(rebuilds);
        all.addAll(creates);
        all.addAll(reports);
        return new Plan(all);
    }

    /** Creates up to the cap, oldest head first; the rest wait in that order. */
    private List<Action> admit(List<DesiredPreview> candidates, int live, List<Action> reports) {
        candidates.sort(Comparator.comparing(DesiredPreview::headSeenAt).thenComparing(DesiredPreview::key));
        int free = Math.max(0, policy.maxPreviews() - live);
        List<Action> creates = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            DesiredPreview d = candidates.get(i);
            if (i < free) {
                creates.add(new Action.Create(d, naming.apply(d.key())));
            } else {
                reports.add(new Action.Wait(d, i - free + 1, candidates.size() - free));
            }
        }
        return creates;
    }

    private static int inFlightOnly(Set<PreviewKey> inFlight, Map<PreviewKey, ActualPreview> existing) {
        return (int) inFlight.stream().filter(k -> !existing.containsKey(k)).count();
    }

    private boolean idle(DesiredPreview d, Instant now) {
        return Duration.between(d.headSeenAt(), now).compareTo(policy.ttl()) > 0;
    }

    private static DesiredPreview newer(DesiredPreview a, DesiredPreview b) {
        return b.headSeenAt().isAfter(a.headSeenAt()) ? b : a;
    }

    private static <T> List<T> sorted(Collection<T> items, java.util.function.Function<T, PreviewKey> key) {
        return items.stream().sorted(Comparator.comparing(key)).toList();
    }
}
