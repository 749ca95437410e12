package dev.slipway.testing;

import dev.slipway.db.ConnectionSpec;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.Driver;

/**
 * A real physical streaming standby of a PostgreSQL server that runs on this machine (the test JVM's embedded
 * server, or the one {@code SLIPWAY_TEST_JDBC_URL} names if it is local): {@code pg_basebackup -X stream -R} of the
 * primary into a temporary folder, started with the primary's own {@code pg_ctl} and {@code postgres} on a free
 * loopback port, hot standby, streaming under an {@link #applicationName() application_name} of its own. For tests
 * that need real replication lag: {@link #pauseReplay()} lets WAL arrive without being replayed. Closing it stops
 * it ({@code pg_ctl stop -m immediate}) and deletes its folder.
 *
 * <p>{@code pg_basebackup} must not be older than the primary; the first suitable of {@code $SLIPWAY_PG_BIN},
 * {@code /usr/lib/postgresql/N/bin} (Debian's, newest first) and PostgreSQL 18's from {@code .ci/pg-client} is used.
 * Anything missing fails with an {@link IllegalStateException} saying what to install: the test is never skipped.
 * As root the standby runs as the primary does under zonky: in a user namespace of its own ({@code unshare -U}),
 * where postgres does not see itself as root.
 */
public final class Standby implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration COMMAND = Duration.ofMinutes(3);
    /** MAXALIGNed sizes of XLogPageHeaderData and XLogLongPageHeaderData (first page of a segment). */
    private static final long SHORT_PAGE_HEADER = 24;
    private static final long LONG_PAGE_HEADER = 40;
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    /** Settings a hot standby needs at least as high as the primary's (zonky passes some on its command line). */
    private static final List<String> HOT_STANDBY_MINIMUMS = List.of("max_connections", "max_worker_processes",
            "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");

    private final ConnectionSpec primary;
    private final String applicationName;
    private final Path folder;
    private final Path data;
    private final Path pgCtl;
    private final List<String> asOwner;
    private final int port;
    private final long walBlockSize;
    private final long walSegmentSize;
    private final Thread shutdownHook = new Thread(this::stopQuietly, "standby-stop");
    private boolean started;
    private boolean closed;

    private Standby(ConnectionSpec primary, String applicationName, Path folder, Primary p, int port) {
        this.primary = primary;
        this.applicationName = applicationName;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.pgCtl = p.pgCtl;
        this.asOwner = p.asOwner;
        this.port = port;
        this.walBlockSize = p.walBlockSize;
        this.walSegmentSize = p.walSegmentSize;
    }

    /**
     * A standby of the server {@code primaryAdmin} connects to, streaming and in recovery when this returns.
     *
     * @param primaryAdmin a superuser's connection to any database of the primary, over TCP to this machine
     */
    public static Standby of(ConnectionSpec primaryAdmin) {
        Primary p = Primary.inspect(primaryAdmin);
        Path basebackup = pgBasebackup(p.major);
        p.allowReplicationFromLoopback();
        Path folder = temporaryFolder(p.uid, p.gid);
        Standby s = new Standby(primaryAdmin, "slipway_standby_" + UUID.randomUUID().toString().substring(0, 8),
                folder, p, freePort());
        Runtime.getRuntime().addShutdownHook(s.shutdownHook);
        try {
            s.baseBackup(p, basebackup);
            s.start(p);
            return s;
        } catch (RuntimeException e) {
            try {
                s.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The superuser's connection to {@code database} on the standby (read-only: it is in recovery). */
    public ConnectionSpec spec(String database) {
        return new ConnectionSpec("jdbc:postgresql://127.0.0.1:" + port + "/" + database, primary.user(),
                primary.password(), Duration.ofSeconds(10));
    }

    public int port() {
        return port;
    }

    /** The standby's {@code application_name}, in its {@code primary_conninfo}: its row in pg_stat_replication. */
    public String applicationName() {
        return applicationName;
    }

    /**
     * Stops replaying WAL ({@code pg_wal_replay_pause()}); the standby still receives and flushes it. Returns once
     * replay has really stopped: on PostgreSQL 14+ the call only requests the pause, which the startup process takes
     * at its next record, so a record is written on the primary and the pause state awaited ({@code paused}).
     */
    public void pauseReplay() {
        onStandby("SELECT pg_wal_replay_pause()");
        if (Integer.parseInt(value(primary, "SELECT current_setting('server_version_num')")) < 140000) {
            return;
        }
        try {
            until(STARTUP, 20, () -> {
                value(primary, "SELECT pg_logical_emit_message(false, 'slipway-standby', 'pause')");
                return "paused".equals(value(spec("postgres"), "SELECT pg_get_wal_replay_pause_state()"));
            });
        } catch (TimedOut e) {
            throw new IllegalStateException("the standby did not pause replay within " + STARTUP.toSeconds() + " s"
                    + logTail(), e);
        }
    }

    /** Replays again ({@code pg_wal_replay_resume()}). */
    public void resumeReplay() {
        onStandby("SELECT pg_wal_replay_resume()");
    }

    /**
     * Waits until the standby has replayed everything the primary had inserted into its WAL when this was called.
     * The insert position, not {@code pg_current_wal_lsn()} (the write position): zonky's server commits with
     * {@code synchronous_commit = off}, so a commit can still be unwritten when it returns, and the write position
     * behind it (seen on 17, just after pg_basebackup's WAL switch). A position just past a page header counts as the
     * page's start, where the last record before it ends.
     */
    public void awaitCaughtUp() {
        String target = value(primary, "SELECT pg_current_wal_insert_lsn()");
        long lsn = lsn(target);
        long end = lsn % walSegmentSize == LONG_PAGE_HEADER ? lsn - LONG_PAGE_HEADER
                : lsn % walBlockSize == SHORT_PAGE_HEADER ? lsn - SHORT_PAGE_HEADER : lsn;
        try {
            until(STARTUP, 50, () -> lsn(value(spec("postgres"), "SELECT pg_last_wal_replay_lsn()")) >= end);
            // and the primary has heard so: its pg_stat_replication shows the standby's replay position only once the
            // standby's next status message arrives, which readers of the primary's view (the gate) depend on
            until(STARTUP, 50, () -> {
                String seen = value(primary, "SELECT coalesce((SELECT replay_lsn::text FROM pg_stat_replication "
                        + "WHERE application_name = '" + applicationName + "' LIMIT 1), '0/0')");
                return lsn(seen) >= end;
            });
        } catch (TimedOut e) {
            throw new IllegalStateException("the standby did not replay up to the primary's " + target + " in "
                    + STARTUP.toSeconds() + " s (it is at " + value(spec("postgres"), "SELECT pg_last_wal_replay_lsn()")
                    + "; is replay paused?)" + logTail(), e);
        }
    }

    /** {@code X/Y} as a number. */
    static long lsn(String lsn) {
        int slash = lsn.indexOf('/');
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }

    /** The standby's server log so far. */
    public String log() {
        try {
            Path log = folder.resolve("standby.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs close itself
        }
        try {
            if (started && Files.exists(data.resolve("postmaster.pid"))) {
                run("pg_ctl stop", owner(List.of(pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "-w",
                        "stop")), Map.of());
            }
        } finally {
            delete(folder);
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("could not stop the standby on port " + port + ": " + e.getMessage());
        }
    }

    private void baseBackup(Primary p, Path pgBasebackup) {
        Map<String, String> env = new LinkedHashMap<>();
        if (primary.password() != null) {
            env.put("PGPASSWORD", primary.password());
        }
        run("pg_basebackup", owner(List.of(pgBasebackup.toString(), "-h", p.host, "-p", String.valueOf(p.port),
                "-U", primary.user(), "-D", data.toString(), "-X", "stream", "-R", "-c", "fast", "-w", "--no-sync")),
                env);
        // After -R's own line, so it wins: the same server with this standby's name (and the password, if any)
        StringBuilder conninfo = new StringBuilder("host=" + p.host + " port=" + p.port + " user="
                + conninfoValue(primary.user()) + " application_name=" + applicationName);
        if (primary.password() != null) {
            conninfo.append(" password=").append(conninfoValue(primary.password()));
        }
        try {
            Files.writeString(data.resolve("postgresql.auto.conf"), "\n# Standby (slipway tests)\nprimary_conninfo = '"
                    + conninfo.toString().replace("'", "''") + "'\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.exists(data.resolve("standby.signal"))) {
            throw new IllegalStateException("pg_basebackup -R wrote no standby.signal in " + data);
        }
    }

    private void start(Primary p) {
        StringBuilder options = new StringBuilder("-p " + port + " -c listen_addresses=127.0.0.1 -c hot_standby=on"
                + " -c unix_socket_directories=" + folder + " -c cluster_name=" + applicationName);
        p.hotStandbyMinimums.forEach((name, value) -> options.append(" -c ").append(name).append('=').append(value));
        started = true;
        run("pg_ctl start", owner(List.of(pgCtl.toString(), "-D", data.toString(), "-l",
                folder.resolve("standby.log").toString(), "-o", options.toString(), "-W", "start")), Map.of());
        try {
            until(STARTUP, 100, () -> "t".equals(value(spec("postgres"), "SELECT pg_is_in_recovery()")));
            until(STARTUP, 100, () -> "streaming".equals(value(primary, "SELECT coalesce(max(state), 'absent') FROM "
                    + "pg_stat_replication WHERE application_name = '" + applicationName + "'")));
        } catch (TimedOut e) {
            throw new IllegalStateException("the standby on port " + port + " did not come up streaming in "
                    + STARTUP.toSeconds() + " s: " + e.getMessage() + logTail(), e);
        }
    }

    /** A wait that ran out. */
    private static final class TimedOut extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message) {
            super(message);
        }
    }

    /**
     * Polls {@code condition} every {@code everyMillis} until it holds or {@code limit} has passed; an exception from
     * it counts as not yet (the server may still be starting).
     */
    private static void until(Duration limit, long everyMillis, java.util.concurrent.Callable<Boolean> condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(everyMillis * 1_000_000L);
        }
        throw new TimedOut("not within " + limit.toSeconds() + " s" + (last == null ? "" : " (last: " + last.getMessage()
                + ")"));
    }

    private String logTail() {
        String log = log();
        return "; standby log:\n" + (log.length() > 4000 ? "…" + log.substring(log.length() - 4000) : log);
    }

    private void onStandby(String sql) {
        value(spec("postgres"), sql);
    }

    private List<String> owner(List<String> command) {
        List<String> all = new ArrayList<>(asOwner);
        all.addAll(command);
        return all;
    }

    /** A value for a libpq conninfo string, quoted. */
    private static String conninfoValue(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The single value of a one-row query ({@code t}/{@code f} for booleans). */
    static String value(ConnectionSpec spec, String sql) {
        try (Connection c = spec.open("slipway-standby", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            String v = rs.getString(1);
            return v;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void run(String what, List<String> command, Map<String, String> env) {
        Path out = folder.resolve("commands.log");
        try {
            Files.writeString(out, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long before = Files.size(out);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process proc = pb.start();
            if (!proc.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in " + COMMAND.toSeconds() + " s: "
                        + String.join(" ", command));
            }
            if (proc.exitValue() != 0) {
                String output = Files.readString(out, StandardCharsets.UTF_8).substring((int) before);
                throw new IllegalStateException(what + " exited with " + proc.exitValue() + ": "
                        + String.join(" ", command) + "\n" + output.strip() + (what.startsWith("pg_ctl") ? logTail() : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + what + " (" + command.get(0) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + what, e);
        }
    }

    // ---- finding the programs

    /** The first pg_basebackup of major {@code >= primaryMajor}, or a failure saying how to get one. */
    static Path pgBasebackup(int primaryMajor) {
        List<Path> candidates = new ArrayList<>();
        String pgBin = System.getenv("SLIPWAY_PG_BIN");
        if (pgBin != null && !pgBin.isBlank()) {
            candidates.add(Path.of(pgBin, "pg_basebackup"));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> majors = Files.list(debian)) {
                majors.filter(d -> d.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path d) -> Integer.parseInt(d.getFileName().toString()))
                                .reversed())
                        .forEach(d -> candidates.add(d.resolve("bin/pg_basebackup")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String clientRoot = System.getenv("SLIPWAY_PG_CLIENT_ROOT");
        candidates.add((clientRoot == null || clientRoot.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache/slipway/pg-client-18") : Path.of(clientRoot))
                .resolve("bin/pg_basebackup"));
        List<String> seen = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            Optional<Integer> major = major(candidate);
            seen.add(candidate + " (" + major.map(m -> "PostgreSQL " + m).orElse("does not run") + ")");
            if (major.isPresent() && major.get() >= primaryMajor) {
                return candidate;
            }
        }
        throw new IllegalStateException("no pg_basebackup of PostgreSQL " + primaryMajor + " or newer, which the "
                + "standby of a PostgreSQL " + primaryMajor + " server needs (pg_basebackup must not be older than the "
                + "server); found " + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ". For 13 to 15, install "
                + "Debian's postgresql-client-15 (.ci/run does: apt-get install -y --no-install-recommends "
                + "postgresql-client-15); for 16 to 18, run .ci/pg-client, which makes PostgreSQL 18's in "
                + "~/.cache/slipway/pg-client-18/bin (the pg17 and pg18 runs pass it as SLIPWAY_PG_BIN)");
    }

    private static Optional<Integer> major(Path program) {
        try {
            Process p = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(out);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFolder(int uid, int gid) {
        try {
            Path folder = Files.createTempDirectory("slipway-standby-");
            Files.setAttribute(folder, "unix:uid", uid);
            Files.setAttribute(folder, "unix:gid", gid);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the standby's " + folder, e);
        }
    }

    /** What the standby needs to know about the primary, found from one of its backends on this machine. */
    private static final class Primary {
        private final ConnectionSpec admin;
        private String host;
        private int port;
        private int major;
        private Path pgCtl;
        private int uid;
        private int gid;
        private long walBlockSize;
        private long walSegmentSize;
        private List<String> asOwner;
        private final Map<String, String> hotStandbyMinimums = new LinkedHashMap<>();

        private Primary(ConnectionSpec admin) {
            this.admin = admin;
        }

        static Primary inspect(ConnectionSpec admin) {
            Primary p = new Primary(admin);
            Properties url = Driver.parseURL(admin.url(), null);
            if (url == null) {
                throw new IllegalStateException("cannot parse " + admin.redactedUrl());
            }
            p.host = url.getProperty("PGHOST", "localhost");
            p.port = Integer.parseInt(url.getProperty("PGPORT", "5432"));
            if (!List.of("127.0.0.1", "localhost", "::1", "[::1]").contains(p.host)) {
                throw new IllegalStateException("a standby needs a primary on this machine, over loopback; "
                        + admin.redactedUrl() + " is on " + p.host);
            }
            p.host = "127.0.0.1";
            try (Connection c = admin.open("slipway-standby", null); Statement st = c.createStatement()) {
                String walLevel = one(st, "SHOW wal_level");
                if (!walLevel.equals("replica") && !walLevel.equals("logical")) {
                    throw new IllegalStateException("the primary " + admin.redactedUrl() + " has wal_level = "
                            + walLevel + ": a standby needs replica or logical (set it and restart the server)");
                }
                int senders = Integer.parseInt(one(st, "SHOW max_wal_senders"));
                int busy = Integer.parseInt(one(st, "SELECT count(*) FROM pg_stat_replication"));
                if (senders - busy < 2) {
                    throw new IllegalStateException("the primary " + admin.redactedUrl() + " has max_wal_senders = "
                            + senders + " with " + busy + " in use: pg_basebackup -X stream needs 2 free (raise it and "
                            + "restart the server; a reload does not change it)");
                }
                p.major = Integer.parseInt(one(st, "SHOW server_version_num")) / 10000;
                p.walBlockSize = Long.parseLong(one(st, "SHOW wal_block_size"));
                p.walSegmentSize = Long.parseLong(one(st, "SELECT pg_size_bytes(current_setting('wal_segment_size'))"));
                for (String name : HOT_STANDBY_MINIMUMS) {
                    p.hotStandbyMinimums.put(name, one(st, "SHOW " + name));
                }
                p.findServerProgram(one(st, "SELECT pg_backend_pid()"), one(st, "SHOW data_directory"));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot inspect the primary " + admin.redactedUrl() + ": "
                        + e.getMessage(), e);
            }
            return p;
        }

        /** The primary's postgres (its pg_ctl beside it) and user, from /proc of a backend of it. */
        private void findServerProgram(String pid, String dataDirectory) {
            ServerProgram program = ServerProgram.of(pid, dataDirectory);
            pgCtl = program.pgCtl();
            uid = program.uid();
            gid = program.gid();
            asOwner = program.asOwner();
        }

        /** Adds a loopback replication line to pg_hba.conf, and reloads, unless one is there. */
        void allowReplicationFromLoopback() {
            if (replicationAllowed()) {
                return;
            }
            Path hba = Path.of(Standby.value(admin, "SHOW hba_file"));
            String method = admin.password() == null ? "trust" : "scram-sha-256";
            try {
                String line = "host replication " + admin.user() + " 127.0.0.1/32 " + method
                        + "  # added by the tests' Standby\n";
                Files.writeString(hba, line + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("the primary's " + hba + " allows no replication from 127.0.0.1 for "
                        + admin.user() + " and cannot be edited here: " + e, e);
            }
            if (!"t".equals(Standby.value(admin, "SELECT pg_reload_conf()")) || !replicationAllowed()) {
                throw new IllegalStateException("added a replication line to " + hba + " and reloaded the primary, "
                        + "but pg_hba_file_rules still shows none for " + admin.user() + " from 127.0.0.1");
            }
        }

        private boolean replicationAllowed() {
            String ip = "'^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$'";
            return !"0".equals(Standby.value(admin, "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NULL"
                    + " AND type IN ('host', 'hostnossl') AND 'replication' = ANY (database)"
                    + " AND ('all' = ANY (user_name) OR current_user = ANY (user_name))"
                    + " AND (address IN ('all', 'samehost', 'samenet') OR (address ~ " + ip + " AND netmask ~ " + ip
                    + " AND (address::inet & netmask::inet) = ('127.0.0.1'::inet & netmask::inet)))"));
        }

        private static String one(Statement st, String sql) throws SQLException {
            try (ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
