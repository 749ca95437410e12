package dev.slipway.migrate.backfill;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one backfill runs: the settings on its {@code -- slipway:backfill} line, over the defaults.
 *
 * @param batchTime    the time each batch should take; the batch size is tuned towards it
 * @param maxLag       the most replication lag of any standby before the backfill pauses
 * @param maxPause     the longest one pause may last before the run fails (its progress kept)
 * @param duty         the share of time spent in batches (0 &lt; duty &le; 1): after a batch of {@code t}, the
 *                     backfill rests {@code t × (1 − duty) / duty}
 * @param firstBatch   the rows of the first batch
 * @param minBatch     the fewest rows a batch is cut down to after lock or statement timeouts
 * @param maxBatch     the most rows of one batch
 * @param maxBurn      the SLO burn rate (multiples of the sustainable rate) above which the backfill pauses;
 *                     {@code 0} when the SLOs' own short-window limits apply
 */
public record BackfillSettings(Duration batchTime, Duration maxLag, Duration maxPause, double duty, int firstBatch,
                               int minBatch, int maxBatch, double maxBurn) {

    public static final String MARKER = "slipway:backfill";

    public static final BackfillSettings DEFAULT = new BackfillSettings(Duration.ofMillis(200), Duration.ofSeconds(5),
            Duration.ofMinutes(10), 1.0, 1_000, 10, 100_000, 0);

    private static final List<String> KEYS = List.of("batch-time", "max-lag", "max-pause", "duty", "first-batch",
            "min-batch", "max-batch", "max-burn");

    public BackfillSettings {
        if (!(duty > 0 && duty <= 1)) {
            throw new IllegalArgumentException("duty must be above 0 and at most 1, was " + duty);
        }
        if (minBatch < 1 || maxBatch < minBatch || firstBatch < minBatch || firstBatch > maxBatch) {
            throw new IllegalArgumentException("batch sizes must satisfy 1 <= min-batch <= first-batch <= max-batch, were "
                    + minBatch + ", " + firstBatch + ", " + maxBatch);
        }
    }

    /**
     * The settings written after the marker on a backfill's first line, e.g. {@code batch-time=200ms max-lag=5s},
     * over {@code defaults}.
     *
     * @param subject what the line belongs to, for messages (the migration's file)
     * @throws SlipwayException naming the subject and every bad setting
     */
    public static BackfillSettings parse(String settings, BackfillSettings defaults, String subject) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String word : settings.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq).toLowerCase(Locale.ROOT);
            if (eq < 0 || eq == word.length() - 1) {
                problems.add("'" + word + "' is not a setting (write key=value)");
            } else if (!KEYS.contains(key)) {
                problems.add("'" + key + "' is not a backfill setting (known: " + String.join(", ", KEYS) + ")");
            } else if (given.put(key, word.substring(eq + 1)) != null) {
                problems.add("'" + key + "' is given twice");
            }
        }
        Duration batchTime = defaults.batchTime;
        Duration maxLag = defaults.maxLag;
        Duration maxPause = defaults.maxPause;
        double duty = defaults.duty;
        int firstBatch = defaults.firstBatch;
        int minBatch = defaults.minBatch;
        int maxBatch = defaults.maxBatch;
        double maxBurn = defaults.maxBurn;
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            try {
                switch (key) {
                    case "batch-time" -> batchTime = positive(value, key, subject);
                    case "max-lag" -> maxLag = positive(value, key, subject);
                    case "max-pause" -> maxPause = positive(value, key, subject);
                    case "duty" -> duty = share(value, key);
                    case "first-batch" -> firstBatch = rows(value, key);
                    case "min-batch" -> minBatch = rows(value, key);
                    case "max-batch" -> maxBatch = rows(value, key);
                    default -> maxBurn = burn(value, key);
                }
            } catch (SlipwayException | IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        if (given.containsKey("min-batch") && !given.containsKey("first-batch") && firstBatch < minBatch) {
            firstBatch = Math.min(minBatch, maxBatch);
        }
        if (given.containsKey("max-batch") && !given.containsKey("first-batch") && firstBatch > maxBatch) {
            firstBatch = Math.max(maxBatch, minBatch);
        }
        if (problems.isEmpty()) {
            try {
                return new BackfillSettings(batchTime, maxLag, maxPause, duty, firstBatch, minBatch, maxBatch, maxBurn);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new SlipwayException(ErrorCode.USAGE, subject + ": the " + MARKER + " line has "
                + (problems.size() == 1 ? "a bad setting: " : problems.size() + " bad settings: ")
                + String.join("; ", problems));
    }

    private static Duration positive(String value, String key, String subject) {
        Duration d = Durations.parse(value, key);
        if (d.isZero()) {
            throw new IllegalArgumentException(key + " must be above zero");
        }
        return d;
    }

    private static double share(String value, String key) {
        double d = number(value, key);
        if (value.endsWith("%")) {
            d = d / 100;
        }
        if (!(d > 0 && d <= 1)) {
            throw new IllegalArgumentException(key + " must be above 0 and at most 1 (or 100%), was '" + value + "'");
        }
        return d;
    }

    private static int rows(String value, String key) {
        try {
            int n = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException(key + " must be a whole number of rows of at least 1, was '" + value + "'");
    }

    private static double burn(String value, String key) {
        double d = number(value, key);
        if (!(d > 0)) {
            throw new IllegalArgumentException(key + " must be above zero, was '" + value + "'");
        }
        return d;
    }

    private static double number(String value, String key) {
        try {
            return Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + value + "'");
        }
    }

    /** The settings as they would be written on the marker line: for reports and lint's explanation. */
    public String describe() {
        return "batch-time=" + Durations.format(batchTime) + " max-lag=" + Durations.format(maxLag) + " max-pause="
                + Durations.format(maxPause) + " duty=" + trim(duty) + " first-batch=" + firstBatch + " min-batch="
                + minBatch + " max-batch=" + maxBatch + (maxBurn > 0 ? " max-burn=" + trim(maxBurn) : "");
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
