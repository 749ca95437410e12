package dev.slipway.gate;

import dev.slipway.config.FreezeWindow;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Refuses promotion inside a freeze window of the environment's calendar. Pure but for reading the clock. */
public final class FreezeCheck implements GateCheck {

    private final List<FreezeWindow> windows;
    private final Clock clock;

    public FreezeCheck(List<FreezeWindow> windows, Clock clock) {
        this.windows = List.copyOf(windows);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "freeze";
    }

    @Override
    public Object inputs() {
        Map<String, String> in = new LinkedHashMap<>();
        windows.forEach(w -> in.put(w.name(), w.describe()));
        return in;
    }

    @Override
    public List<CheckResult> run() {
        return List.of(decide(windows, clock.instant()));
    }

    /** The freeze check's result at {@code now}. */
    public static CheckResult decide(List<FreezeWindow> windows, Instant now) {
        String threshold = "outside " + windows.size() + " freeze window" + (windows.size() == 1 ? "" : "s");
        for (FreezeWindow w : windows) {
            if (w.covers(now)) {
                return CheckResult.fail("freeze", "in '" + w.name() + "'", threshold, "promotion is frozen: '"
                        + w.name() + "' (" + w.describe() + ") covers " + now);
            }
        }
        return CheckResult.pass("freeze", "no window", threshold, "no freeze window covers " + now);
    }
}
