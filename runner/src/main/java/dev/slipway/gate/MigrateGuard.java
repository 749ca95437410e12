package dev.slipway.gate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.RunContext;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps {@code slipway migrate --env ENV} from running a commit whose last gate verdict in that environment failed,
 * unless forced with a reason. Both the refusal and the override are recorded in the audit log.
 */
public final class MigrateGuard {

    /** What the last verdict means for the run. */
    public enum Decision { NO_VERDICT, PASSED, REFUSED, FORCED }

    private MigrateGuard() {
    }

    /** The pure rule: only a failed verdict stops the run, and {@code force} overrides it. */
    public static Decision decide(Optional<Verdict> last, boolean force) {
        if (last.isEmpty()) {
            return Decision.NO_VERDICT;
        }
        if (last.get().passed()) {
            return Decision.PASSED;
        }
        return force ? Decision.FORCED : Decision.REFUSED;
    }

    /**
     * Looks up the last verdict for {@code commit} in {@code environment} and records a refusal or an override.
     *
     * @throws SlipwayException {@link ErrorCode#GATE_REFUSED} naming the verdict and what blocked it
     */
    public static Decision check(VerdictStore store, String environment, String commit, boolean force, String reason) {
        Optional<Verdict> last = store.latest(environment, commit).map(VerdictStore.Stored::verdict);
        Decision d = decide(last, force);
        if (d == Decision.FORCED) {
            store.event("migrate-forced", environment, commit, last.get().id(), RunContext.actor(), reason);
        } else if (d == Decision.REFUSED) {
            store.event("migrate-refused", environment, commit, last.get().id(), RunContext.actor(), null);
            throw refused(last.get());
        }
        return d;
    }

    private static SlipwayException refused(Verdict v) {
        String blocking = v.blocking().stream().map(c -> c.name() + " (" + c.reason() + ")")
                .collect(Collectors.joining("; "));
        return new SlipwayException(ErrorCode.GATE_REFUSED, "refusing to migrate " + v.environment() + " to commit "
                + v.commit() + ": its last gate verdict " + v.id() + " (" + v.evaluatedAt() + ") failed: " + blocking
                + ". Fix what it names and run slipway gate again, or override with --force --reason TEXT");
    }
}
