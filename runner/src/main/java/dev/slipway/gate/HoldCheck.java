package dev.slipway.gate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Refuses promotion while someone holds the environment through the API. */
public final class HoldCheck implements GateCheck {

    private final VerdictStore store;
    private final String environment;

    public HoldCheck(VerdictStore store, String environment) {
        this.store = store;
        this.environment = environment;
    }

    @Override
    public String name() {
        return "hold";
    }

    @Override
    public Object inputs() {
        return Map.of("environment", environment);
    }

    @Override
    public List<CheckResult> run() {
        return List.of(decide(store.hold(environment)));
    }

    static CheckResult decide(Optional<Hold> hold) {
        if (hold.isEmpty()) {
            return CheckResult.pass("hold", "none", "no manual hold", "no manual hold");
        }
        Hold h = hold.get();
        return CheckResult.fail("hold", "held by " + h.heldBy(), "no manual hold", "held by " + h.heldBy() + " since "
                + h.heldAt() + ": " + h.reason());
    }
}
