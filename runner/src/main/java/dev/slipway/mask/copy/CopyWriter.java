package dev.slipway.mask.copy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The target side of the copy phase: writes chunks of masked COPY text, one {@code COPY FROM STDIN} per
 * {@link CopyTask}. Not thread-safe: one per target connection.
 */
public final class CopyWriter {

    private final Connection target;
    private CopyIn in;

    CopyWriter(Connection target) {
        this.target = target;
    }

    /**
     * Writes {@code chunk}, starting its task's COPY first when needed and ending it after the task's last chunk.
     *
     * @return the bytes written
     * @throws SlipwayException {@link ErrorCode#MASK_FAILED} naming the table
     */
    long write(CopyChunk chunk) {
        if (in == null && chunk.size() == 0 && chunk.last()) {
            return 0; // no rows: no COPY
        }
        try {
            if (in == null) {
                in = target.unwrap(PGConnection.class).getCopyAPI().copyIn(chunk.task().copyIn());
            }
            if (chunk.size() > 0) {
                in.writeToCopy(chunk.data(), 0, chunk.size());
            }
            if (chunk.last()) {
                CopyIn done = in;
                in = null;
                done.endCopy();
            }
            return chunk.size();
        } catch (SQLException e) {
            cancel();
            throw new SlipwayException(ErrorCode.MASK_FAILED, "copying " + chunk.task().table().table()
                    + chunk.task().range() + " into the target failed: " + e.getMessage() + " (SQLSTATE "
                    + e.getSQLState() + ")" + hint(e) + "; the target stays marked incomplete", e);
        }
    }

    /** What to do when masked values break a constraint the table is created with (pg_dump's CHECK and NOT NULL). */
    private static String hint(SQLException e) {
        return switch (String.valueOf(e.getSQLState())) {
            case "23514" -> "; the masked values break this check: choose a transformer whose output satisfies it";
            case "23502" -> "; a masked value is NULL where the column is NOT NULL: choose a transformer that gives one";
            default -> "";
        };
    }

    /** Abandons a COPY left open by a failure, so the connection can be closed cleanly. */
    void cancel() {
        try {
            if (in != null && in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException e) {
            // the copy already ended: nothing to cancel
        } finally {
            in = null;
        }
    }
}
