package dev.slipway.mask.transform;

import dev.slipway.mask.catalog.SourceCatalog.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The transformers a rule may name, their options, and whether one fits a column. {@link #create} builds
 * the transformer for one column, or says in words why it does not fit.
 */
public final class Transformers {

    public static final String KEEP = "keep";
    static final String NULL = "null";

    /** Every transformer and the options it takes (besides {@code transformer} and {@code domain}). */
    public static final Map<String, Set<String>> OPTIONS = Map.ofEntries(
            Map.entry(KEEP, Set.of()), Map.entry(NULL, Set.of()), Map.entry("constant", Set.of("value")),
            Map.entry("hash", Set.of("length")), Map.entry("email", Set.of("email_domain")),
            Map.entry("name", Set.of()), Map.entry("first_name", Set.of()), Map.entry("last_name", Set.of()),
            Map.entry("phone", Set.of("keep_prefix")), Map.entry("date_shift", Set.of("days", "key")),
            Map.entry("number_noise", Set.of("ratio")), Map.entry("regex_replace", Set.of("pattern", "replacement")),
            Map.entry("json", Set.of("paths")));

    /** Transformers whose output space is small by design: verify checks them row by row, not as sets. */
    public static final Set<String> ROW_CHECKED = Set.of("name", "first_name", "last_name", "date_shift", "number_noise");

    private static final Set<String> TEXT = Set.of("hash", "email", "name", "first_name", "last_name", "phone",
            "regex_replace");

    private Transformers() {
    }

    /** What a transformer is built for: the column, its row key's indexes in the copied columns, its default domain. */
    public record Target(String what, Column column, List<Integer> rowKey, String defaultDomain) {
    }

    /** Checks the options of a rule on their own; reports problems and returns whether there were none. */
    public static boolean checkOptions(String transformer, Map<String, String> o, Map<String, ColumnRule> paths,
                                Consumer<String> problem) {
        List<String> found = new ArrayList<>();
        Consumer<String> p = found::add;
        switch (transformer) {
            case "constant" -> require(o, "value", p);
            case "hash" -> range(o, "length", 4, 48, p);
            case "email" -> {
                if (o.containsKey("email_domain") && !o.get("email_domain").matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9-]+)+")) {
                    p.accept("email_domain '" + o.get("email_domain") + "' is not a lower-case domain such as example.com");
                }
            }
            case "phone" -> range(o, "keep_prefix", 0, 6, p);
            case "date_shift" -> range(o, "days", 1, 36500, p);
            case "number_noise" -> ratio(o, p);
            case "regex_replace" -> regex(o, p);
            case "json" -> {
                if (paths.isEmpty()) {
                    p.accept("json needs 'paths:', a map of path (a.b, items[*].email) to the transformer of its values");
                }
            }
            default -> { }
        }
        found.forEach(problem);
        return found.isEmpty();
    }

    private static void require(Map<String, String> o, String key, Consumer<String> p) {
        if (!o.containsKey(key)) {
            p.accept("needs '" + key + ":'");
        }
    }

    private static void range(Map<String, String> o, String key, int min, int max, Consumer<String> p) {
        if (o.containsKey(key)) {
            try {
                int v = Integer.parseInt(o.get(key));
                if (v < min || v > max) {
                    p.accept(key + " must be between " + min + " and " + max + ", found " + v);
                }
            } catch (NumberFormatException e) {
                p.accept(key + " must be a whole number, found '" + o.get(key) + "'");
            }
        }
    }

    private static void ratio(Map<String, String> o, Consumer<String> p) {
        if (o.containsKey("ratio")) {
            try {
                double r = Double.parseDouble(o.get("ratio"));
                if (!(r > 0 && r <= 1)) {
                    p.accept("ratio must be above 0 and at most 1 (0.1 = ±10 %), found " + r);
                }
            } catch (NumberFormatException e) {
                p.accept("ratio must be a number such as 0.1, found '" + o.get("ratio") + "'");
            }
        }
    }

    private static void regex(Map<String, String> o, Consumer<String> p) {
        require(o, "pattern", p);
        require(o, "replacement", p);
        if (o.containsKey("pattern")) {
            try {
                Pattern.compile(o.get("pattern"));
            } catch (PatternSyntaxException e) {
                p.accept("pattern is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    /**
     * The transformer of {@code rule} for {@code target}, or {@code null} for {@code keep}.
     *
     * @throws IllegalArgumentException saying why the transformer does not fit the column
     */
    public static Transformer create(ColumnRule rule, Target target, Keyring keys) {
        String name = rule.transformer();
        Column c = target.column();
        if (name.equals(KEEP)) {
            return null;
        }
        if (name.equals(NULL)) {
            if (c.notNull()) {
                throw new IllegalArgumentException("transformer 'null' on a NOT NULL column; use constant, hash or "
                        + "another transformer that gives a value");
            }
            return (v, r) -> null;
        }
        if (TEXT.contains(name) && !c.textual()) {
            throw misfit(name, c, "text, varchar or char");
        }
        Keyring.Key key = keys.domain(rule.domain() != null ? rule.domain() : target.defaultDomain());
        return switch (name) {
            case "constant" -> constant(rule.options().get("value"), c);
            case "date_shift" -> ValueTransformers.dateShift(rule, target, key);
            case "number_noise" -> ValueTransformers.numberNoise(rule, c, key);
            case "json" -> JsonTransformer.create(rule, target, keys);
            default -> TextTransformers.create(rule, c, key);
        };
    }

    static IllegalArgumentException misfit(String transformer, Column c, String expected) {
        return new IllegalArgumentException("transformer '" + transformer + "' does not fit type " + c.type()
                + " (it masks " + expected + " columns)");
    }

    private static Transformer constant(String value, Column c) {
        if (c.textual() && c.maxLength() > 0 && value.codePointCount(0, value.length()) > c.maxLength()) {
            throw new IllegalArgumentException("constant '" + value + "' is longer than the column's limit of "
                    + c.maxLength() + " characters");
        }
        return (v, r) -> value;
    }

    /** {@code s} cut to {@code max} characters (code points) when the column has a limit. */
    static String fit(String s, int max) {
        if (max <= 0 || s.length() <= max && s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, Math.min(max, s.codePointCount(0, s.length()))));
    }
}
