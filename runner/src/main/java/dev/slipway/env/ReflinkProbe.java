package dev.slipway.env;

import dev.slipway.env.CloneStrategy.FileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the file system under a database's files can reflink, for a server set to {@code file_copy_method = clone}:
 * PostgreSQL's clone (copy_file_range on Linux) quietly copies every byte where it cannot, and nothing on the server
 * says so. Knowable only where the server runs on this machine and Slipway may write beside its files (as the
 * server's OS user, or root: the embedded server, a local one, a sidecar sharing the volume): there it reflinks a probe
 * file ({@code cp --reflink=always}, which fails where the file system has no reflink, as copy_file_range then
 * copies) in the golden's tablespace directory, or the data directory for the default one, and deletes it at once.
 * For a remote server, or a data directory it may not see, it says why it cannot tell. The answer is kept per
 * directory and server start. Thread-safe.
 */
final class ReflinkProbe {

    private static final Logger LOG = LoggerFactory.getLogger(ReflinkProbe.class);
    /** A server's start time and postmaster.pid's may be apart by its start-up work; another server's are not this near. */
    private static final long SAME_START_SECONDS = 60;
    private static final Map<String, FileSystem> SEEN = new ConcurrentHashMap<>();

    private ReflinkProbe() {
    }

    /** The file system under {@code database}'s files on the server behind {@code c}. */
    static FileSystem of(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT (SELECT setting FROM pg_settings WHERE name = 'data_directory'),
                       pg_tablespace_location(d.dattablespace), current_setting('port')::int,
                       extract(epoch FROM pg_postmaster_start_time())::bigint
                FROM pg_database d WHERE d.datname = ?""")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return FileSystem.unknown("no database " + database);
                }
                return of(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4));
            }
        }
    }

    private static FileSystem of(String dataDirectory, String tablespace, int port, long started) {
        if (dataDirectory == null) {
            return FileSystem.unknown("the user may not see data_directory: a superuser or a member of "
                    + "pg_read_all_settings may");
        }
        Path data = Path.of(dataDirectory);
        String local = local(data, port, started);
        if (local != null) {
            return FileSystem.unknown(local);
        }
        Path dir = tablespace == null || tablespace.isEmpty() ? data : Path.of(tablespace);
        return SEEN.computeIfAbsent(dir + "@" + started, k -> probe(dir));
    }

    /** Null when the server runs here, on {@code data}; else why Slipway cannot look at its files. */
    private static String local(Path data, int port, long started) {
        List<String> pid;
        try {
            pid = Files.readAllLines(data.resolve("postmaster.pid"));
        } catch (IOException | SecurityException e) {
            return "its data directory " + data + " is not on this machine or not readable here, as for a remote "
                    + "server";
        }
        return sameServer(pid, port, started) ? null : data + " on this machine belongs to another server than the "
                + "one Slipway is connected to";
    }

    /** Whether postmaster.pid's lines (pid, data directory, start, port, …) are of the server on {@code port}. */
    static boolean sameServer(List<String> postmasterPid, int port, long started) {
        try {
            return postmasterPid.size() >= 4 && Integer.parseInt(postmasterPid.get(3).trim()) == port
                    && Math.abs(Long.parseLong(postmasterPid.get(2).trim()) - started) <= SAME_START_SECONDS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static FileSystem probe(Path dir) {
        Path source = null;
        Path clone = dir.resolve("slipway-reflink-probe-" + Long.toHexString(System.nanoTime()));
        try {
            source = Files.createTempFile(dir, "slipway-reflink-probe-", ".tmp");
            Files.write(source, new byte[64 * 1024]);
        } catch (IOException e) {
            deleteQuietly(source);
            return FileSystem.unknown("cannot write a probe file in " + dir + " (" + e.getMessage()
                    + "): Slipway runs as another OS user than the server");
        }
        try {
            return reflinked(dir, source, clone);
        } finally {
            deleteQuietly(source);
            deleteQuietly(clone);
        }
    }

    /** {@code cp --reflink=always}: it fails where the file system has no reflink (ext4, overlay, tmpfs). */
    private static FileSystem reflinked(Path dir, Path source, Path clone) {
        try {
            Process cp = new ProcessBuilder("cp", "--reflink=always", source.toString(), clone.toString())
                    .redirectErrorStream(true).start();
            String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!cp.waitFor(10, TimeUnit.SECONDS)) {
                cp.destroyForcibly();
                return FileSystem.unknown("cp --reflink=always in " + dir + " did not finish in 10 s");
            }
            if (cp.exitValue() != 0) {
                LOG.info("{}'s file system has no reflink: cp --reflink=always said {}", dir, out);
                return FileSystem.seen(dir.toString(), false);
            }
            LOG.info("{}'s file system has reflink", dir);
            return FileSystem.seen(dir.toString(), true);
        } catch (IOException e) {
            return FileSystem.unknown("cannot run cp --reflink=always (GNU coreutils): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FileSystem.unknown("interrupted probing " + dir);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete the reflink probe file {}: {}; delete it by hand", file, e.getMessage());
        }
    }
}
