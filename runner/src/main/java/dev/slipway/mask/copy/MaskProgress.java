package dev.slipway.mask.copy;

import dev.slipway.mask.catalog.TableName;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Told how a masked copy goes: phases, and per table rows copied and rows per second, with an estimate of
 * the time left for the whole copy. Called from the copying threads; implementations must be thread-safe.
 */
public interface MaskProgress {

    MaskProgress NONE = new MaskProgress() {
    };

    /** A step of the run began: {@code reading the source catalog}, {@code creating indexes and constraints}, ... */
    default void phase(String what) {
    }

    /**
     * A table's copy advanced ({@code done} false) or ended ({@code done} true).
     *
     * @param timeLeft estimate for the whole copy phase, from the share of all tables' estimated rows done;
     *                 {@code null} while unknown
     */
    default void table(TableName table, long rows, double rowsPerSecond, boolean done, Duration timeLeft) {
    }

    /** Progress as text lines, for a terminal's stderr. */
    static MaskProgress lines(Consumer<String> out) {
        return new MaskProgress() {
            @Override
            public void phase(String what) {
                out.accept(what);
            }

            @Override
            public void table(TableName table, long rows, double rowsPerSecond, boolean done, Duration timeLeft) {
                String left = timeLeft == null || done ? "" : String.format(Locale.ROOT, ", about %s left overall",
                        human(timeLeft));
                out.accept(String.format(Locale.ROOT, "  %s %s: %,d rows (%,.0f rows/s)%s", done ? "copied " : "copying",
                        table, rows, rowsPerSecond, left));
            }
        };
    }

    private static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
