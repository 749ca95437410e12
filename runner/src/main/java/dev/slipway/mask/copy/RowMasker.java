package dev.slipway.mask.copy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import dev.slipway.mask.transform.Transformer;

/**
 * Masks rows of one table in COPY text: a field a transformer masks is decoded, masked and encoded again;
 * the others are copied as bytes. Not thread-safe: one per copying thread (the transformers it calls are).
 */
public final class RowMasker {

    private final TablePlan plan;
    private final String part;
    private final Transformer[] transformers;
    private final int[] bounds;
    private final Transformer.Row rowView;
    private byte[] row;

    /** {@code part} says which rows of the table these are, for messages: empty, or e.g. {@code " (pages 0 to 99)"}. */
    RowMasker(TablePlan plan, String part) {
        this.plan = plan;
        this.part = part;
        this.transformers = plan.transformers();
        this.bounds = new int[2 * (transformers.length + 1)];
        this.rowView = i -> CopyText.decode(row, bounds[2 * i], bounds[2 * i + 1]);
    }

    /**
     * Appends {@code row} (one row of COPY text, ending in a newline), masked, to {@code out}.
     *
     * @param index the row's number in its part, from 0, for messages
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED} naming the column and the row, never the value
     */
    void mask(byte[] row, CopyText.RowBuffer out, long index) {
        this.row = row;
        int n = CopyText.split(row, row.length, bounds);
        if (n != transformers.length) {
            throw new SlipwayException(ErrorCode.INTERNAL, "row " + (index + 1) + part + " of " + plan.table()
                    + " has " + n + " fields where " + transformers.length + " columns were asked for (this is a bug "
                    + "in Slipway)");
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.write((byte) '\t');
            }
            if (transformers[i] == null) {
                out.write(row, bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i]);
            } else {
                maskField(i, out, index);
            }
        }
        out.write((byte) '\n');
    }

    private void maskField(int i, CopyText.RowBuffer out, long index) {
        String value = CopyText.decode(row, bounds[2 * i], bounds[2 * i + 1]);
        String masked;
        try {
            masked = value == null ? null : transformers[i].apply(value, rowView);
        } catch (RuntimeException e) {
            // the message must not quote the value: transformers' messages never do
            throw new SlipwayException(ErrorCode.MASK_FAILED, "masking " + plan.table() + "." + plan.columns().get(i)
                    + " failed on row " + (index + 1) + part + ": " + e.getMessage()
                    + "; the target stays marked incomplete");
        }
        CopyText.encode(masked, out);
    }
}
