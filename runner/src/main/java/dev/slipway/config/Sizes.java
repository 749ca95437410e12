package dev.slipway.config;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints byte sizes: {@code 0}, {@code 512kB}, {@code 10MB}, {@code 2GB} (powers of 1024, as PostgreSQL does). */
public final class Sizes {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|kB|KB|MB|GB|TB)?");

    private Sizes() {
    }

    /** @throws SlipwayException with {@link ErrorCode#USAGE} naming the subject when the text is not a size */
    public static long parse(String text, String subject) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new SlipwayException(ErrorCode.USAGE, subject + ": '" + text
                    + "' is not a size; write a whole number with a unit, e.g. 0, 512kB, 10MB, 2GB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        return switch (unit) {
            case "KB" -> n << 10;
            case "MB" -> n << 20;
            case "GB" -> n << 30;
            case "TB" -> n << 40;
            default -> n;
        };
    }

    /** {@code 8 kB}, {@code 12 MB}, {@code 1.5 GB}, like pg_size_pretty. */
    public static String format(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : (v >= 10 ? String.format(Locale.ROOT, "%.0f %s", v, units[u])
                : String.format(Locale.ROOT, "%.1f %s", v, units[u]));
    }
}
