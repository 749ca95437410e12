package dev.slipway.mask.copy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.RowSecurity;
import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import dev.slipway.mask.rules.MaskRules;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The source side of one {@link CopyTask} (a table, or a range of its pages): {@code COPY TO STDOUT} in the
 * text format, each row through the transformers, handed on in chunks of about {@value #CHUNK} bytes, so
 * memory does not grow with the table; a table that masks nothing may go as it is, in the binary format.
 * Not thread-safe: one task per instance.
 */
public final class TableCopy {

    static final int CHUNK = 256 * 1024;

    /** Rows and bytes copied of one table: {@code bytesIn} of COPY data (text or binary) read from the source. */
    public record Result(TableName table, long rows, long bytesIn, long bytesOut, long millis) {
    }

    /** Takes the chunks; may block while the writer is behind, and throws to stop the copy. */
    interface Sink {
        void accept(CopyChunk chunk) throws InterruptedException;
    }

    private final CopyTask task;
    private final TablePlan plan;

    TableCopy(CopyTask task) {
        this.task = task;
        this.plan = task.table();
    }

    /**
     * Reads the task's rows from {@code source}, masked, into {@code sink}; the last chunk says so.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED} naming the table (and column) that failed
     */
    void read(Connection source, Sink sink) throws InterruptedException {
        if (plan.mode() == MaskRules.Mode.TRUNCATE) {
            sink.accept(new CopyChunk(task, new byte[0], 0, 0, 0, true));
            return;
        }
        CopyOut out = null;
        try {
            out = source.unwrap(PGConnection.class).getCopyAPI().copyOut(task.copyOut());
            stream(out, sink);
        } catch (SQLException e) {
            cancel(out);
            throw new SlipwayException(ErrorCode.MASK_FAILED, "copying " + plan.table() + task.range() + " failed: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")" + RowSecurity.hint(e)
                    + "; the target stays marked incomplete", e);
        } catch (RuntimeException | InterruptedException e) {
            cancel(out);
            throw e;
        }
    }

    private void stream(CopyOut out, Sink sink) throws SQLException, InterruptedException {
        RowMasker masker = plan.masks() ? new RowMasker(plan, task.range()) : null;
        CopyText.RowBuffer buffer = new CopyText.RowBuffer(CHUNK + 64 * 1024);
        long rows = 0;
        long chunkRows = 0;
        long bytes = 0;
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            bytes += row.length;
            if (masker != null) {
                masker.mask(row, buffer, rows);
            } else {
                buffer.write(row, 0, row.length);
            }
            if (!task.binary() || binaryRow(row)) {
                rows++;
                chunkRows++;
            }
            if (buffer.size() >= CHUNK) {
                sink.accept(new CopyChunk(task, buffer.data(), buffer.size(), chunkRows, bytes, false));
                buffer = new CopyText.RowBuffer(CHUNK + 64 * 1024);
                chunkRows = 0;
                bytes = 0;
            }
        }
        sink.accept(new CopyChunk(task, buffer.data(), buffer.size(), chunkRows, bytes, true));
    }

    /**
     * Whether a message of a binary COPY holds a row: each does (the first after the 19-byte header) but the
     * trailer, a field count of -1.
     */
    static boolean binaryRow(byte[] message) {
        int at = message.length >= 19 && message[0] == 'P' && message[5] == 'Y' && message[6] == '\n' ? 19 : 0;
        return message.length - at != 2 || message[at] != (byte) 0xff || message[at + 1] != (byte) 0xff;
    }

    private static void cancel(CopyOut out) {
        try {
            if (out != null && out.isActive()) {
                out.cancelCopy();
            }
        } catch (SQLException e) {
            // the copy already ended: nothing to cancel
        }
    }
}
