package dev.slipway.mask.rules;

import java.util.List;

/**
 * How the rules cover the source's columns: fail-closed, a copy starts only when {@link #uncovered()} is empty.
 *
 * @param tables    tables in the source (partitions count under their root)
 * @param columns   columns of those tables that are copied (generated columns are recomputed, not copied)
 * @param masked    columns whose values a transformer changes
 * @param kept      columns copied as they are ({@code keep} or {@code keep_all})
 * @param truncated tables whose rows are not copied
 * @param uncovered every {@code schema.table.column} no rule covers
 */
public record Coverage(int tables, int columns, int masked, int kept, List<String> truncated, List<String> uncovered) {

    public Coverage {
        truncated = List.copyOf(truncated);
        uncovered = List.copyOf(uncovered);
    }

    public boolean complete() {
        return uncovered.isEmpty();
    }
}
