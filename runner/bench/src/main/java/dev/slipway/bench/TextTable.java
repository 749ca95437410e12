package dev.slipway.bench;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells printed as left-aligned columns two spaces apart. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    @Override
    public String toString() {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(line(row, widths).stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String line(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
        }
        return line.toString();
    }
}
