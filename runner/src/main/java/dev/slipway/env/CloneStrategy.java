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
 *       the preview shares the golden's blocks on disk (XFS with reflink, Btrfs, ZFS 2.2+, APFS). On a file system
 *       known to have no reflink (ext4, overlay, tmpfs), the same clause copies every byte and is recorded as
 *       {@link #FILE_COPY}.</li>
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
     * @param fileSystem     whether the file system under the golden's files reflinks, where Slipway could look
     */
    public record Server(int major, String fileCopyMethod, long goldenBytes, FileSystem fileSystem) {

        /** A server whose file system Slipway did not look at. */
        public Server(int major, String fileCopyMethod, long goldenBytes) {
            this(major, fileCopyMethod, goldenBytes, FileSystem.NOT_LOOKED_AT);
        }

        /** PostgreSQL 18+ with {@code file_copy_method = clone}: it asks the kernel to clone each file. */
        boolean asksToClone() {
            return major >= 18 && "clone".equalsIgnoreCase(fileCopyMethod);
        }

        /** Asks to clone, on a file system that cannot: Linux's copy_file_range then copies every byte. */
        boolean clonesAreCopies() {
            return asksToClone() && Boolean.FALSE.equals(fileSystem.reflinks());
        }

        boolean clones() {
            return asksToClone() && !clonesAreCopies();
        }
    }

    /**
     * The file system under the golden's files (the data directory, or the golden's tablespace), as Slipway saw it.
     *
     * @param dir      the directory looked at, {@code null} when none was
     * @param reflinks whether a file there can be reflinked; {@code null} when it could not be told
     * @param unknown  why it could not be told (a remote server, a data directory the user may not see); else null
     */
    public record FileSystem(String dir, Boolean reflinks, String unknown) {

        static final FileSystem NOT_LOOKED_AT = new FileSystem(null, null, null);

        public static FileSystem seen(String dir, boolean reflinks) {
            return new FileSystem(dir, reflinks, null);
        }

        public static FileSystem unknown(String why) {
            return new FileSystem(null, null, why);
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
     * PostgreSQL 15 the file copy, the only one there is. A forced preference wins, except WAL_LOG before 15. A server
     * set to clone on a file system known to have no reflink still gets STRATEGY FILE_COPY, the way its administrator
     * set it to copy (in the kernel, no WAL), and the choice says {@link #FILE_COPY} and why.
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
        if (server.asksToClone()) {
            return fileCopy(server, server.clonesAreCopies() ? null : "the server clones files (file_copy_method = clone)");
        }
        String size = (server.goldenBytes() / (1024 * 1024)) + " MB";
        if (server.goldenBytes() >= FILE_COPY_FROM_BYTES) {
            return fileCopy(server, "golden of " + size + " is at least " + (FILE_COPY_FROM_BYTES >> 20)
                    + " MB: two checkpoints cost less than writing it through the WAL");
        }
        return new Choice(WAL_LOG, " STRATEGY WAL_LOG", "golden of " + size + " is under "
                + (FILE_COPY_FROM_BYTES >> 20) + " MB: WAL_LOG spares the server two checkpoints");
    }

    /**
     * STRATEGY FILE_COPY, labelled as PostgreSQL really copies: a clone only where the server asks for one and its
     * file system is not known to refuse reflinks. On Linux, PostgreSQL's clone is copy_file_range, which reflinks where
     * the file system can and quietly copies every byte where it cannot.
     *
     * @param reason why FILE_COPY; {@code null} when the clone that is a copy says it all
     */
    private static Choice fileCopy(Server server, String reason) {
        if (server.clonesAreCopies()) {
            String copied = "file_copy_method = clone, but " + server.fileSystem().dir() + "'s file system has no "
                    + "reflink: PostgreSQL copied every file";
            return new Choice(FILE_COPY, " STRATEGY FILE_COPY", reason == null ? copied : reason + "; " + copied);
        }
        if (server.asksToClone() && server.fileSystem().unknown() != null) {
            reason += "; whether its file system reflinks is not known (" + server.fileSystem().unknown() + ")";
        }
        return new Choice(server.clones() ? FILE_COPY_CLONE : FILE_COPY, " STRATEGY FILE_COPY", reason);
    }
}
