package dev.slipway.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.config.FreezeWindow;
import dev.slipway.config.GateConfig;
import dev.slipway.config.Sizes;
import dev.slipway.lint.LockMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides {@code migrations:window}: heavy pending migrations are promoted only inside a performance window. What
 * makes a migration heavy is what the traced run of its preview build measured on a copy of the preview: an ACCESS
 * EXCLUSIVE lock held longer than the configured time, or a table rewrite of a table larger than the configured
 * size. Pure: it reads the measurements, the windows and the time it is given.
 */
public final class HeavyDdl {

    static final String NAME = "migrations:window";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private HeavyDdl() {
    }

    /** Why a traced migration is heavy: one reason per lock or rewrite above the thresholds; empty when light. */
    static List<String> reasons(JsonNode trace, GateConfig.Heavy heavy) {
        List<String> why = new ArrayList<>();
        for (JsonNode lock : trace.path("locks")) {
            long held = lock.path("heldMillis").asLong();
            if (LockMode.ACCESS_EXCLUSIVE.name().equals(lock.path("mode").asText())
                    && held > heavy.lockHeld().toMillis()) {
                why.add("ACCESS EXCLUSIVE on " + lock.path("table").asText() + " held " + millis(held));
            }
        }
        for (JsonNode rewrite : trace.path("rewrites")) {
            long bytes = rewrite.path("bytesBefore").asLong();
            if (bytes > heavy.rewriteBytes()) {
                why.add("rewrote " + rewrite.path("table").asText() + " (" + Sizes.format(bytes) + ")");
            }
        }
        return why;
    }

    /**
     * The check's result at {@code now}.
     *
     * @param traced the newest traced measurement of each pending migration; those missing were never traced
     */
    static CheckResult decide(GateConfig.Heavy heavy, List<PreviewEvidence.Step> pending,
                              Map<PreviewEvidence.Step, JsonNode> traced, Instant now) {
        String threshold = "heavy migrations (ACCESS EXCLUSIVE held over " + millis(heavy.lockHeld().toMillis())
                + ", or a rewrite of a table over " + Sizes.format(heavy.rewriteBytes()) + ") only inside "
                + heavy.windows().stream().map(w -> "'" + w.name() + "'").collect(Collectors.joining(", "));
        if (pending.isEmpty()) {
            return CheckResult.pass(NAME, "0 pending", threshold, "no pending migration");
        }
        List<String> heavyOnes = new ArrayList<>();
        List<String> untraced = new ArrayList<>();
        for (PreviewEvidence.Step p : pending) {
            JsonNode trace = traced.get(p);
            if (trace == null) {
                untraced.add(p.migration());
                continue;
            }
            List<String> why = reasons(trace, heavy);
            if (!why.isEmpty()) {
                heavyOnes.add(p.migration() + ": " + String.join("; ", why));
            }
        }
        String observed = heavyOnes.size() + " heavy, " + untraced.size() + " not traced, of " + pending.size()
                + " pending";
        Optional<FreezeWindow> open = heavy.windows().stream().filter(w -> w.covers(now)).findFirst();
        if (open.isPresent()) {
            return CheckResult.pass(NAME, observed + "; in '" + open.get().name() + "'", threshold,
                    "inside performance window '" + open.get().name() + "' (" + open.get().describe() + ")"
                            + (heavyOnes.isEmpty() ? "" : ": heavy migrations may go: " + String.join(", ", heavyOnes)));
        }
        if (!heavyOnes.isEmpty()) {
            return CheckResult.fail(NAME, observed, threshold, (heavyOnes.size() == 1 ? "needs" : "need")
                    + " a performance window: " + String.join(", ", heavyOnes) + "; " + next(heavy, now));
        }
        if (!untraced.isEmpty()) {
            return CheckResult.unknown(NAME, threshold, "no traced preview build says whether "
                    + String.join(", ", untraced) + (untraced.size() == 1 ? " is" : " are") + " heavy: build the pull "
                    + "request's preview with serve.previews.trace on, or promote inside a window; " + next(heavy, now));
        }
        return CheckResult.pass(NAME, observed, threshold, "no pending migration is heavy on its preview's traced run");
    }

    /** {@code the next window, 'night', opens Tue 2026-12-08 01:00 Europe/Berlin (in 4 h 12 min)}. */
    static String next(GateConfig.Heavy heavy, Instant now) {
        record Opening(FreezeWindow window, Instant at) {
        }
        return heavy.windows().stream()
                .flatMap(w -> w.nextStart(now).map(at -> new Opening(w, at)).stream())
                .min(Comparator.comparing(Opening::at))
                .map(o -> "the next window, '" + o.window().name() + "', opens "
                        + WHEN.format(ZonedDateTime.ofInstant(o.at(), o.window().zone())) + " " + o.window().zone()
                        + " (in " + span(Duration.between(now, o.at())) + ")")
                .orElse("no performance window opens again: add one under gate.heavy.windows");
    }

    private static String span(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        long days = minutes / (24 * 60);
        long hours = minutes % (24 * 60) / 60;
        long mins = minutes % 60;
        return (days > 0 ? days + " d " : "") + (days > 0 || hours > 0 ? hours + " h " : "") + mins + " min";
    }

    private static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
