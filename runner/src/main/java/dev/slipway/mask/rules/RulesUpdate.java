package dev.slipway.mask.rules;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.ColumnClassifier.Suggestion;
import dev.slipway.mask.rules.MaskRules.Mode;
import dev.slipway.mask.rules.MaskRules.TableRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds to an existing rules file what the source gained, as text: every line the user wrote (rules, comments, order,
 * formatting) stays byte for byte; a new column goes after the last line of its table's block, indented as the
 * columns above it (in a one-line flow mapping, {@code columns: {a: keep}}, it joins that mapping), a new table goes
 * after the last line of {@code tables:}. Each added line carries its why-comment and {@value #MARK}. Entries naming
 * what the source no longer has are reported, never removed. Pure: idempotent on its own output.
 */
public final class RulesUpdate {

    static final String MARK = "added by mask init";

    /** The updated text, and what was added and what the source no longer has, as lines for stderr. */
    public record Result(String text, List<String> added, List<String> stale) {
    }

    private RulesUpdate() {
    }

    /**
     * @param suggested every table of the source and its columns' suggestions ({@code null}: kept whole)
     * @throws SlipwayException {@link ErrorCode#MASK_RULES_INVALID} when a table's columns are a flow mapping over
     *                          several lines, where no line can be added safely: the message gives the lines to add
     */
    public static Result apply(String text, MaskRules rules, Map<TableName, Map<String, Suggestion>> suggested) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> added = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<Insert> inserts = new ArrayList<>();
        StringBuilder newTables = new StringBuilder();
        rules.tables().forEach((t, rule) -> {
            if (!suggested.containsKey(t)) {
                stale.add("table " + t + " is not in the source");
            }
        });
        suggested.forEach((table, columns) -> {
            TableRule rule = rules.tables().get(table);
            if (rule == null) {
                Map<TableName, Map<String, Suggestion>> one = new java.util.LinkedHashMap<>();
                one.put(table, columns);
                newTables.append(RulesText.of(one, "")
                        .text().lines().skip(4).map(l -> l.endsWith(":") ? l + "  # " + MARK : l.contains("# ")
                                ? l + "; " + MARK : l).reduce("", (a, b) -> a + b + "\n"));
                added.add("table " + table + (columns == null ? "" : " (" + columns.size() + " columns)"));
            } else if (rule.mode() == Mode.COLUMNS && columns != null) {
                List<String> missing = columns.keySet().stream().filter(c -> !rule.columns().containsKey(c)).toList();
                rule.columns().keySet().stream().filter(c -> !columns.containsKey(c)).forEach(c -> stale.add("column "
                        + table + "." + c + " (line " + rule.columns().get(c).line() + ") is not in the source"));
                if (!missing.isEmpty()) {
                    inserts.add(insert(lines, rule, missing, columns));
                    missing.forEach(c -> added.add("column " + table + "." + c + ": " + columns.get(c).rule()));
                }
            }
        });
        inserts.sort((a, b) -> Integer.compare(b.after(), a.after()));
        for (Insert i : inserts) {
            if (i.replace()) {
                lines.set(i.after(), i.lines().get(0));
            } else {
                lines.addAll(i.after() + 1, i.lines());
            }
        }
        if (!newTables.isEmpty()) {
            lines.addAll(endOfTables(lines) + 1, newTables.toString().lines().toList());
        }
        String out = String.join("\n", lines) + (text.endsWith("\n") || text.isEmpty() ? "\n" : "");
        return new Result(added.isEmpty() ? text : out, added, stale);
    }

    /** Lines to add after line index {@code after} (0-based), or, with {@code replace}, the line that replaces it. */
    private record Insert(int after, List<String> lines, boolean replace) {
    }

    private static Insert insert(List<String> lines, TableRule rule, List<String> missing,
                                 Map<String, Suggestion> columns) {
        int tableLine = rule.line() - 1; // the table's key, or the first line of its mapping
        int columnsLine = tableLine;
        while (columnsLine < lines.size() && !lines.get(columnsLine).strip().startsWith("columns:")) {
            columnsLine++;
        }
        String header = columnsLine < lines.size() ? lines.get(columnsLine) : "";
        String afterKey = header.substring(header.indexOf("columns:") + "columns:".length()).strip();
        if (afterKey.startsWith("{")) {
            return flow(rule, columnsLine, header, missing, columns);
        }
        int last = endOfBlock(lines, tableLine);
        int firstColumn = rule.columns().values().stream().mapToInt(ColumnRule -> ColumnRule.line()).min()
                .orElse(columnsLine + 2) - 1;
        String indent = firstColumn < lines.size() ? lines.get(firstColumn).replaceAll("^(\\s*).*$", "$1")
                : indentOf(header) + "  ";
        List<String> add = missing.stream().map(c -> RulesText.entry(indent, c, columns.get(c), MARK).stripTrailing())
                .toList();
        return new Insert(last, add, false);
    }

    private static Insert flow(TableRule rule, int line, String header, List<String> missing,
                               Map<String, Suggestion> columns) {
        String code = header.contains("#") ? header.substring(0, header.indexOf('#')).stripTrailing() : header;
        if (!code.endsWith("}")) {
            throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, "the columns of " + rule.table() + " (line "
                    + (line + 1) + ") are a flow mapping over several lines; add these yourself: " + String.join(", ",
                    missing.stream().map(c -> RulesText.key(c) + ": " + columns.get(c).rule()).toList()));
        }
        StringBuilder entries = new StringBuilder();
        missing.forEach(c -> entries.append(", ").append(RulesText.key(c)).append(": ").append(columns.get(c).rule()));
        String comment = header.substring(code.length()).strip();
        String why = String.join("; ", missing.stream().map(c -> c + ": " + columns.get(c).why()).toList());
        return new Insert(line, List.of(code.substring(0, code.length() - 1) + entries + "}  "
                + (comment.isEmpty() ? "# " : comment + "; ") + MARK + " (" + why + ")"), true);
    }

    /** The last line (0-based) of the block that starts at {@code start}: before the next line indented as it or less. */
    private static int endOfBlock(List<String> lines, int start) {
        int indent = indentOf(lines.get(start)).length();
        int last = start;
        for (int i = start + 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.strip().startsWith("#")) {
                continue;
            }
            if (indentOf(l).length() <= indent) {
                break;
            }
            last = i;
        }
        return last;
    }

    private static int endOfTables(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("tables:")) {
                return endOfBlock(lines, i);
            }
        }
        throw new SlipwayException(ErrorCode.MASK_RULES_INVALID, "the rules file has no top-level 'tables:' to add to");
    }

    private static String indentOf(String line) {
        return line.replaceAll("^(\\s*).*$", "$1");
    }
}
