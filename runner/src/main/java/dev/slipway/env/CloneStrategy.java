package dev.slipway.env;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ServeConfig.ClonePreference;

/**
 * How {@code CREATE DATABASE … TEMPLATE} copies the golden into a preview, and the rule that picks one from what
 * the server can do. Pure: {@link #choose} reads nothing but its arguments.
 *
 * <ul>
 *   <li>{@link #FILE_COPY_CLONE}: {@code STRATEGY FILE_COPY} on PostgreSQL 18+ whose {@code file_copy_method} is
 *       {@code clone}: each file is a reflink (copy-on-write) clone, so the time does not grow with the golden and
 *       the preview shares the golden's blocks on disk (XFS with reflink, Btrfs, ZFS 2.2+, APFS).</li>
 *   <li>{@link #FILE_COPY}: the files are copied byte for byte. The copy itself is written once (no WAL), but the
 *       server runs a checkpoint before and after it: every dirty buffer of every database is flushed, which other
 *       sessions feel as an I/O spike.</li>
 *   <li>{@link #WAL_LOG}: every block of the golden is read through shared buffers and written to the WAL (and to
 *       replicas), then to the new files: about twice the golden's size in writes, no checkpoint. PostgreSQL 15+'s
 *       default.</li>
 * </ul>
 */
public enum CloneStrategy {
    FILE_COPY_CLONE("file_copy_clone"), FILE_COPY("file_copy"), WAL_LOG("wal_log");

    /**
     * Goldens of this size or more are copied with FILE_COPY when no reflink clone is available. Measured with
     * {@code slipway bench clone} on PostgreSQL 18 (2 shared cores): WAL_LOG took 0.4-0.8 s against FILE_COPY's
     * 0.1-0.2 s at 100 MB, 1.7 s against 0.3 s at 300 MB, 13.7 s against 2.0 s at 1 GB. Under 128 MB (the default
     * shared_buffers, the most a checkpoint can have to flush there) WAL_LOG costs well under a second more and spares
     * every other session two checkpoints; above it, writing the golden twice costs more than the checkpoints.
     */
    public static final long FILE_COPY_FROM_BYTES = 128L * 1024 * 1024;

    private final String label;

    CloneStrategy(String label) {
        this.label = label;
    }

    /** The name in build records, the API and the status page, e.g. {@code file_copy_clone}. */
    public String label() {
        return label;
    }

    /**
     * What the server can do.
     *
     * @param major          the server's major version, e.g. 18
     * @param fileCopyMethod {@code file_copy_method} (PostgreSQL 18+), {@code null} before 18
     * @param goldenBytes    {@code pg_database_size} of the golden
     */
    public record Server(int major, String fileCopyMethod, long goldenBytes) {

        boolean clones() {
            return major >= 18 && "clone".equalsIgnoreCase(fileCopyMethod);
        }
    }

    /**
     * The strategy picked and the clause that asks for it.
     *
     * @param clause {@code " STRATEGY FILE_COPY"}, {@code " STRATEGY WAL_LOG"}, or empty before PostgreSQL 15 (which
     *               only knows the file copy and has no STRATEGY clause)
     * @param reason one line: why this strategy
     */
    public record Choice(CloneStrategy strategy, String clause, String reason) {
    }

    /**
     * The rule: a reflink clone whenever the server offers one (PostgreSQL 18+ with {@code file_copy_method = clone});
     * otherwise WAL_LOG for goldens under {@link #FILE_COPY_FROM_BYTES} and FILE_COPY from there on; before
     * PostgreSQL 15 the file copy, the only one there is. A forced preference wins, except WAL_LOG before 15.
     *
     * @throws SlipwayException CONFIG_INVALID when WAL_LOG is forced on a server older than 15
     */
    public static Choice choose(ClonePreference preference, Server server) {
        if (server.major() < 15) {
            if (preference == ClonePreference.WAL_LOG) {
                throw new SlipwayException(ErrorCode.CONFIG_INVALID, "serve.previews.cloneStrategy: wal_log needs PostgreSQL 15 "
                        + "or later, the preview server is " + server.major() + "; set auto or file_copy");
            }
            return new Choice(FILE_COPY, "", "PostgreSQL " + server.major() + " copies files (no STRATEGY clause)");
        }
        return switch (preference) {
            case WAL_LOG -> new Choice(WAL_LOG, " STRATEGY WAL_LOG", "forced by serve.previews.cloneStrategy");
            case FILE_COPY -> fileCopy(server, "forced by serve.previews.cloneStrategy");
            case AUTO -> auto(server);
        };
    }

    private static Choice auto(Server server) {
        if (server.clones()) {
            return fileCopy(server, "the server clones files (file_copy_method = clone)");
        }
        String size = (server.goldenBytes() / (1024 * 1024)) + " MB";
        if (server.goldenBytes() >= FILE_COPY_FROM_BYTES) {
            return fileCopy(server, "golden of " + size + " is at least " + (FILE_COPY_FROM_BYTES >> 20)
                    + " MB: two checkpoints cost less than writing it through the WAL");
        }
        return new Choice(WAL_LOG, " STRATEGY WAL_LOG", "golden of " + size + " is under "
                + (FILE_COPY_FROM_BYTES >> 20) + " MB: WAL_LOG spares the server two checkpoints");
    }

    private static Choice fileCopy(Server server, String reason) {
        return new Choice(server.clones() ? FILE_COPY_CLONE : FILE_COPY, " STRATEGY FILE_COPY", reason);
    }
}
