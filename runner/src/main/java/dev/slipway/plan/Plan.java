package dev.slipway.plan;

import java.util.List;

/**
 * What one reconciliation decided, in the order to carry it out: drops first (they free slots), then
 * rebuilds, then creates; waits, expiries and blocks are only reported.
 */
public record Plan(List<Action> actions) {

    public Plan {
        actions = List.copyOf(actions);
    }

    /** True when no provider work is needed (reports may still be there). */
    public boolean nothingToDo() {
        return actions.stream().noneMatch(Plan::changes);
    }

    /** The actions of one kind, in plan order. */
    public <A extends Action> List<A> of(Class<A> kind) {
        return actions.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** True for the actions a provider carries out. */
    public static boolean changes(Action a) {
        return a instanceof Action.Create || a instanceof Action.Rebuild || a instanceof Action.Drop;
    }
}
