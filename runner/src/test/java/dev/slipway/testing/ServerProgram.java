package dev.slipway.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A local PostgreSQL server's programs and OS user, read from /proc of one of its backends: its {@code pg_ctl}
 * (beside its {@code postgres}) and how to run a command as the server's user. As root that is a user namespace of
 * its own ({@code unshare -U}), as zonky runs the embedded server: postgres refuses to start as root, and in such a
 * namespace it is not (it is the overflow user there, as are the files it owns outside).
 *
 * @param pgCtl   the pg_ctl of the server's own binaries
 * @param uid     the server's user
 * @param gid     the server's group
 * @param asOwner what to put before a command to run it as the server's user (empty when this JVM is that user)
 */
record ServerProgram(Path pgCtl, int uid, int gid, List<String> asOwner) {

    /**
     * The server whose backend {@code pid} works in {@code dataDirectory} ({@code pg_backend_pid()} and
     * {@code SHOW data_directory} of an open connection: the backend lives while it is open).
     *
     * @throws IllegalStateException when the server does not run on this machine, or as a user this JVM cannot act as
     */
    static ServerProgram of(String pid, String dataDirectory) {
        Path proc = Path.of("/proc", pid);
        try {
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            if (!Files.isSameFile(cwd, Path.of(dataDirectory))) {
                throw new IllegalStateException("process " + pid + " (the server's backend, it said) works in " + cwd
                        + ", not in the server's data directory " + dataDirectory + ": the server must run on this "
                        + "machine, in this process namespace");
            }
            Path postgres = Files.readSymbolicLink(proc.resolve("exe"));
            Path pgCtl = postgres.resolveSibling("pg_ctl");
            if (!Files.isExecutable(pgCtl)) {
                throw new IllegalStateException("the server runs " + postgres + " but there is no pg_ctl beside it ("
                        + pgCtl + ")");
            }
            int uid = (Integer) Files.getAttribute(proc, "unix:uid");
            int gid = (Integer) Files.getAttribute(proc, "unix:gid");
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            List<String> asOwner;
            if (uid == 0) {
                asOwner = List.of("unshare", "-U");
            } else if (self == uid) {
                asOwner = List.of();
            } else if (self == 0) {
                asOwner = List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
            } else {
                throw new IllegalStateException("the server runs as uid " + uid + " and this JVM as uid " + self
                        + ": its files must belong to the server's user; run the tests as that user or as root");
            }
            return new ServerProgram(pgCtl, uid, gid, asOwner);
        } catch (IOException e) {
            throw new IllegalStateException("cannot look at the server's backend " + proc + " (the server must run on "
                    + "this machine, in this process namespace): " + e, e);
        }
    }
}
