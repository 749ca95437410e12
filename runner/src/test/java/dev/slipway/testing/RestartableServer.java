package dev.slipway.testing;

import static org.awaitility.Awaitility.await;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An embedded PostgreSQL server of a test's own, which the test may restart ({@code pg_ctl restart -m fast}: every
 * session ends, the server comes back on the same port and data directory with a later
 * {@code pg_postmaster_start_time()}). Not the JVM's shared server, which other tests use. Runs {@code pg_ctl} as the
 * server's user: in a user namespace of its own ({@code unshare -U}) when the server runs as root, as
 * {@link Standby} does ({@link ServerProgram}). Closing it stops the server and deletes its data.
 */
public final class RestartableServer implements AutoCloseable {

    private static final Duration COMMAND = Duration.ofMinutes(2);

    private final EmbeddedServer server;
    private final Path data;
    private final Path pgCtl;
    private final List<String> asOwner;
    private final Path log;

    private RestartableServer(EmbeddedServer server, Path data, Path pgCtl, List<String> asOwner, Path log) {
        this.server = server;
        this.data = data;
        this.pgCtl = pgCtl;
        this.asOwner = asOwner;
        this.log = log;
    }

    /** Starts a server whose data directory is {@code folder/data}; {@code folder} also holds pg_ctl's output. */
    public static RestartableServer start(Path folder) {
        EmbeddedServer server = EmbeddedServer.start(folder.resolve("data"), Map.of(), null);
        try (Connection c = server.spec("postgres").open("slipway-test", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), current_setting('data_directory')")) {
            rs.next();
            ServerProgram program = ServerProgram.of(rs.getString(1), rs.getString(2));
            return new RestartableServer(server, Path.of(rs.getString(2)), program.pgCtl(), program.asOwner(),
                    folder.resolve("pg_ctl.log"));
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot find the embedded server's pg_ctl and user: " + e, e);
        }
    }

    public EmbeddedServer server() {
        return server;
    }

    /** {@code pg_postmaster_start_time()}: when the server last started. */
    public Instant started() {
        try (Connection c = server.spec("postgres").open("slipway-test", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_postmaster_start_time()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server's start time: " + e.getMessage(), e);
        }
    }

    /** Restarts the server (fast shutdown: every session is ended) and returns once it accepts connections again. */
    public void restart() {
        Instant before = started();
        List<String> command = new ArrayList<>(asOwner);
        command.addAll(List.of(pgCtl.toString(), "-D", data.toString(), "restart", "-m", "fast", "-w"));
        run(command);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> started().isAfter(before));
    }

    private void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(COMMAND.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_ctl restart did not finish in " + COMMAND.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl restart exited with " + p.exitValue() + ": "
                        + String.join(" ", command) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted restarting the server", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
