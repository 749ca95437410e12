package dev.slipway.gate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.RunContext;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keeps {@code slipway migrate --env ENV} from running what the gate has not let through. In an environment with a
 * {@code gate:} section, the last verdict for the commit must have passed: no commit, no verdict or a failed one
 * refuses the run. In an environment without a gate, only a failed verdict refuses it. {@code --force --reason}
 * overrides a refusal. Refusals and overrides are recorded in the audit log.
 */
public final class MigrateGuard {

    /** What the last verdict means for the run. */
    public enum Decision {
        NO_VERDICT, PASSED, REFUSED, FORCED;

        /** Whether the run goes ahead only because it was forced. */
        public boolean forced() {
            return this == FORCED;
        }
    }

    private MigrateGuard() {
    }

    /**
     * The pure rule: a failed verdict stops the run, and so does a missing one where the environment has a gate;
     * {@code force} overrides both.
     */
    public static Decision decide(Optional<Verdict> last, boolean gated, boolean force) {
        if (last.isEmpty() && !gated) {
            return Decision.NO_VERDICT;
        }
        if (last.isPresent() && last.get().passed()) {
            return Decision.PASSED;
        }
        return force ? Decision.FORCED : Decision.REFUSED;
    }

    /**
     * Looks up the last verdict for {@code commit} in {@code environment} and records a refusal or an override.
     *
     * @param commit the commit to migrate to, {@code null} when none was given (then no verdict can apply)
     * @param gated  whether {@code environment} has a gate configured
     * @throws SlipwayException {@link ErrorCode#GATE_REFUSED} naming the verdict and what blocked it, or saying that
     *                          a gated environment needs a passing verdict for the commit
     */
    public static Decision check(VerdictStore store, String environment, String commit, boolean gated, boolean force,
                                 String reason) {
        Optional<Verdict> last = commit == null ? Optional.empty()
                : store.latest(environment, commit).map(VerdictStore.Stored::verdict);
        Decision d = decide(last, gated, force);
        UUID verdict = last.map(Verdict::id).orElse(null);
        if (d == Decision.FORCED) {
            store.event("migrate-forced", environment, commit, verdict, RunContext.actor(), reason);
        } else if (d == Decision.REFUSED) {
            store.event("migrate-refused", environment, commit, verdict, RunContext.actor(), null);
            throw last.isPresent() ? refused(last.get()) : unverified(environment, commit);
        }
        return d;
    }

    /** The line migrate prints when it runs because of {@code --force}. */
    public static String forcedNote(String environment, String commit, String reason) {
        return commit == null
                ? "forced without a commit or a gate verdict for " + environment + ": " + reason
                : "forced past the gate of " + environment + " for " + commit + " (no passing verdict): " + reason;
    }

    private static SlipwayException refused(Verdict v) {
        String blocking = v.blocking().stream().map(c -> c.name() + " (" + c.reason() + ")")
                .collect(Collectors.joining("; "));
        return new SlipwayException(ErrorCode.GATE_REFUSED, "refusing to migrate " + v.environment() + " to commit "
                + v.commit() + ": its last gate verdict " + v.id() + " (" + v.evaluatedAt() + ") failed: " + blocking
                + ". Fix what it names and run slipway gate again, or override with --force --reason TEXT");
    }

    private static SlipwayException unverified(String environment, String commit) {
        String why = commit == null
                ? "no commit was given, so no gate verdict can apply. Pass --commit SHA (or set SLIPWAY_COMMIT; for "
                  + "the Argo CD hooks, key commit of ConfigMap slipway-promotion)"
                : "no gate verdict was found for commit " + commit + ". Run slipway gate --env " + environment
                  + " --commit " + commit + " first";
        return new SlipwayException(ErrorCode.GATE_REFUSED, "refusing to migrate " + environment + ": it has a gate, "
                + "which must pass for the commit being migrated, and " + why
                + ", or override with --force --reason TEXT (recorded)");
    }
}
