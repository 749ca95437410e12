package dev.slipway.mask.rules;

import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.ColumnClassifier.Suggestion;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A rules file as text, written by {@code mask init}: one block per table, one line per column with its rule and a
 * comment saying why, and which line holds which column (so a refused suggestion can be found again).
 */
public record RulesText(String text, Map<Integer, Place> places) {

    /** The table and column of a line ({@code column} null for a table's own line). */
    public record Place(TableName table, String column) {
    }

    private static final Set<String> YAML_WORDS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null",
            "~");

    private static final int COMMENT_AT = 56;

    /**
     * @param tables each table's columns and their suggestions; {@code null} for a table kept whole
     *               ({@code keep_all: true})
     */
    static RulesText of(Map<TableName, Map<String, Suggestion>> tables, String describedSource) {
        StringBuilder out = new StringBuilder();
        Map<Integer, Place> places = new HashMap<>();
        out.append("# Masking rules for ").append(describedSource).append(", written by `slipway mask init`.\n")
                .append("# Every table and column of the source is covered (fail-closed). Each rule says why it was\n")
                .append("# suggested; review them all: a `keep` copies the value as it is.\n")
                .append("tables:\n");
        int[] line = {5};
        tables.forEach((table, columns) -> {
            out.append("  ").append(key(table.toString())).append(":\n");
            places.put(line[0]++, new Place(table, null));
            if (columns == null) {
                out.append(comment("    keep_all: true", "migration history: no personal data"));
                line[0]++;
                return;
            }
            out.append("    columns:\n");
            line[0]++;
            columns.forEach((column, s) -> {
                out.append(entry("      ", column, s, null));
                places.put(line[0]++, new Place(table, column));
            });
        });
        return new RulesText(out.toString(), places);
    }

    /** One column's line: {@code indent}, key, rule, and the why-comment (with {@code note} after it, if given). */
    static String entry(String indent, String column, Suggestion s, String note) {
        return comment(indent + key(column) + ": " + s.rule(), s.why() + (note == null ? "" : "; " + note));
    }

    private static String comment(String code, String why) {
        return code + " ".repeat(Math.max(1, COMMENT_AT - code.length())) + "# " + why + "\n";
    }

    /** The place of line {@code n} (1-based), or null. */
    Place at(int n) {
        return places.get(n);
    }

    /** The text as a YAML key that reads back as itself: plain when that is safe, else single-quoted. */
    public static String key(String text) {
        boolean plain = text.matches("[A-Za-z_][A-Za-z0-9_$ .]*[A-Za-z0-9_$]|[A-Za-z_]")
                && !YAML_WORDS.contains(text.toLowerCase(Locale.ROOT));
        return plain ? text : "'" + text.replace("'", "''") + "'";
    }

    /** The lines of {@link #text}. */
    List<String> lines() {
        return text.lines().toList();
    }
}
