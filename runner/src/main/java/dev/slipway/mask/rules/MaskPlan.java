package dev.slipway.mask.rules;

import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.transform.Transformer;
import dev.slipway.mask.transform.Transformers;
import java.util.List;

/**
 * What a masked copy will do, decided before a row moves: each table with rows to copy and the
 * transformer of each copied column, the masked columns (for verify), and the coverage.
 *
 * @param tables   tables holding rows (plain tables and leaf partitions), largest first
 * @param masked   every column whose values are changed, under its rule's table
 * @param coverage how the rules cover the source
 * @param problems rules that do not fit the source (unknown tables and columns, misfits); empty when usable
 */
public record MaskPlan(List<TablePlan> tables, List<MaskedColumn> masked, Coverage coverage, List<String> problems) {

    /**
     * One table's copy. {@code transformers[i]} masks {@code columns[i]}, {@code null} keeps it; generated
     * columns are not copied (the target computes them from the masked values). {@code binary}: every column's
     * type has a binary COPY format that servers of one major version share (see {@link #binaryCopy}).
     */
    public record TablePlan(TableName table, TableName ruleTable, MaskRules.Mode mode, List<String> columns,
                     Transformer[] transformers, long bytes, long estimatedRows, boolean binary) {

        /** Whether nothing is masked and every column's type has a shared binary format: no text to parse twice. */
        public boolean binaryCopy() {
            return binary && !masks();
        }

        public boolean masks() {
            for (Transformer t : transformers) {
                if (t != null) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A masked column: verify checks it as a set, or row by row (keyed by {@code rowKey}) for small output spaces. */
    public record MaskedColumn(TableName table, String column, String transformer, List<String> rowKey, boolean textual) {

        public boolean rowChecked() {
            return Transformers.ROW_CHECKED.contains(transformer) && !rowKey.isEmpty();
        }
    }
}
