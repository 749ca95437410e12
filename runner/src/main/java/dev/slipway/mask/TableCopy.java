package dev.slipway.mask;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.MaskPlan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Streams one table: source {@code COPY TO STDOUT} → transformers → target {@code COPY FROM STDIN}, in the
 * text format. Rows are read one at a time and written in chunks of {@value #CHUNK} bytes, so memory does
 * not grow with the table. Not thread-safe: one table per instance.
 */
final class TableCopy {

    static final int CHUNK = 256 * 1024;
    private static final int PROGRESS_EVERY = 16_384;

    /** Rows and bytes copied: {@code bytesIn} of COPY text read from the source. */
    record Result(TableName table, long rows, long bytesIn, long bytesOut, long millis) {
    }

    /** Told of progress every so many rows; may be called from several threads. */
    interface Listener {
        void progress(TablePlan table, long rows, long bytes);
    }

    private final TablePlan plan;
    private final Transformer[] transformers;
    private final int[] bounds;
    private final CopyText.RowBuffer buffer = new CopyText.RowBuffer(CHUNK + 64 * 1024);
    private byte[] row;
    private final Transformer.Row rowView;

    TableCopy(TablePlan plan) {
        this.plan = plan;
        this.transformers = plan.transformers();
        this.bounds = new int[2 * (transformers.length + 1)];
        this.rowView = i -> CopyText.decode(row, bounds[2 * i], bounds[2 * i + 1]);
    }

    /**
     * Copies the table; {@code cancelled} is asked between chunks and stops the copy when another table failed.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED} naming the table (and column) that failed
     */
    Result run(Connection source, Connection target, Listener listener, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        if (plan.mode() == MaskRules.Mode.TRUNCATE) {
            return new Result(plan.table(), 0, 0, 0, 0);
        }
        String columns = plan.columns().isEmpty() ? "" : plan.columns().stream().map(Sql::ident)
                .collect(Collectors.joining(", ", " (", ")"));
        CopyOut out = null;
        CopyIn in = null;
        try {
            out = source.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + plan.table().sql() + columns + " TO STDOUT");
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + plan.table().sql() + columns + " FROM STDIN");
            long[] counts = stream(out, in, listener, cancelled);
            in.endCopy();
            return new Result(plan.table(), counts[0], counts[1], counts[2], (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException e) {
            cancel(in, out);
            throw new SlipwayException(ErrorCode.MASK_FAILED, "copying " + plan.table() + " failed: " + e.getMessage()
                    + " (SQLSTATE " + e.getSQLState() + "); the target stays marked incomplete", e);
        } catch (RuntimeException e) {
            cancel(in, out);
            throw e;
        }
    }

    private long[] stream(CopyOut out, CopyIn in, Listener listener, BooleanSupplier cancelled) throws SQLException {
        boolean masks = plan.masks();
        long rows = 0;
        long bytesIn = 0;
        long bytesOut = 0;
        while ((row = out.readFromCopy()) != null) {
            bytesIn += row.length;
            if (masks) {
                mask(rows);
            } else {
                buffer.write(row, 0, row.length);
            }
            if (++rows % PROGRESS_EVERY == 0) {
                listener.progress(plan, rows, bytesIn);
            }
            if (buffer.size() >= CHUNK) {
                bytesOut += flush(in);
                if (cancelled.getAsBoolean()) {
                    throw new SlipwayException(ErrorCode.MASK_FAILED, "copying " + plan.table() + " stopped: another "
                            + "table failed");
                }
            }
        }
        bytesOut += flush(in);
        return new long[] {rows, bytesIn, bytesOut};
    }

    private int flush(CopyIn in) throws SQLException {
        int n = buffer.size();
        if (n > 0) {
            in.writeToCopy(buffer.data(), 0, n);
            buffer.clear();
        }
        return n;
    }

    private void mask(long index) {
        int n = CopyText.split(row, row.length, bounds);
        if (n != transformers.length) {
            throw new SlipwayException(ErrorCode.INTERNAL, "row " + (index + 1) + " of " + plan.table() + " has " + n
                    + " fields where " + transformers.length + " columns were asked for (this is a bug in Slipway)");
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                buffer.write((byte) '\t');
            }
            Transformer t = transformers[i];
            if (t == null) {
                buffer.write(row, bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i]);
            } else {
                maskField(t, i, index);
            }
        }
        buffer.write((byte) '\n');
    }

    private void maskField(Transformer t, int i, long index) {
        String value = CopyText.decode(row, bounds[2 * i], bounds[2 * i + 1]);
        String masked;
        try {
            masked = value == null ? null : t.apply(value, rowView);
        } catch (RuntimeException e) {
            // the message must not quote the value: transformers' messages never do
            throw new SlipwayException(ErrorCode.MASK_FAILED, "masking " + plan.table() + "." + plan.columns().get(i)
                    + " failed on row " + (index + 1) + ": " + e.getMessage() + "; the target stays marked incomplete");
        }
        CopyText.encode(masked, buffer);
    }

    private static void cancel(CopyIn in, CopyOut out) {
        for (org.postgresql.copy.CopyOperation op : new org.postgresql.copy.CopyOperation[] {in, out}) {
            try {
                if (op != null && op.isActive()) {
                    op.cancelCopy();
                }
            } catch (SQLException e) {
                // the copy already ended: nothing to cancel
            }
        }
    }
}
