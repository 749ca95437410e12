package dev.slipway.config;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the human durations used in flags and {@code slipway.yaml}: {@code 500ms}, {@code 2s}, {@code 15m}, {@code 1h}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)");

    private Durations() {
    }

    /**
     * Parses {@code text} for the setting named {@code subject}.
     *
     * @throws SlipwayException with {@link ErrorCode#USAGE} naming the subject when the text is not a duration
     */
    public static Duration parse(String text, String subject) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new SlipwayException(ErrorCode.USAGE, subject + ": '" + text
                    + "' is not a duration; write a whole number with a unit, e.g. 500ms, 2s, 15m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** Prints a duration the way a person reads it: {@code 2s}, {@code 1.5s}, {@code 250ms}, {@code 15m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%dm%02ds", ms / 60_000, (ms % 60_000) / 1000);
    }
}
