package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import dev.slipway.db.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server a benchmark runs on: an embedded one started for it, or an existing one reached
 * through a connection whose user may create databases. Every phase gets a fresh database from
 * {@link #createDatabase}, dropped when the phase closes it. Closing the server stops an embedded one.
 */
public final class BenchServer implements AutoCloseable {

    private final ConnectionSpec admin;
    private final EmbeddedServer embedded;

    private BenchServer(ConnectionSpec admin, EmbeddedServer embedded) {
        this.admin = admin;
        this.embedded = embedded;
    }

    /** Starts an embedded server from the binaries on the classpath. */
    public static BenchServer embedded() {
        EmbeddedServer server = EmbeddedServer.start();
        return new BenchServer(server.spec("postgres"), server);
    }

    /** An existing server; {@code admin} names a database to connect to while creating and dropping others. */
    public static BenchServer existing(ConnectionSpec admin) {
        return new BenchServer(admin, null);
    }

    /** A new empty database named {@code slipway_bench_<purpose>_<random>}; {@code purpose} is lower-case letters. */
    public ScratchDatabase createDatabase(String purpose) {
        if (!purpose.matches("[a-z]{1,20}")) {
            throw new IllegalArgumentException("not a plain purpose name: " + purpose);
        }
        String name = "slipway_bench_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + name);
        return new ScratchDatabase(name, admin.withDatabase(name), this);
    }

    /**
     * A new database {@code slipway_bench_<purpose>_<random>} cloned from {@code template} with
     * {@code CREATE DATABASE … TEMPLATE}; the template must have no other sessions.
     */
    ScratchDatabase cloneDatabase(String purpose, String template) {
        if (!purpose.matches("[a-z]{1,20}")) {
            throw new IllegalArgumentException("not a plain purpose name: " + purpose);
        }
        String name = "slipway_bench_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + name + " TEMPLATE " + Identifiers.quote(template));
        return new ScratchDatabase(name, admin.withDatabase(name), this);
    }

    /** The connection the benchmark creates and drops databases through. */
    ConnectionSpec admin() {
        return admin;
    }

    /** Ends the sessions still connected to {@code name} and drops it. */
    void dropDatabase(String name) {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, name);
            ps.executeQuery().close();
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            throw failure("cannot drop benchmark database " + name, e);
        }
    }

    /** The server's version, e.g. {@code PostgreSQL 15.18}. */
    public String version() {
        try (Connection c = open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw failure("cannot read the server version", e);
        }
    }

    /** Where the server is, with no secret in it: {@code embedded on 127.0.0.1:PORT} or the redacted URL. */
    public String location() {
        return embedded != null
                ? String.format(Locale.ROOT, "embedded on 127.0.0.1:%d", embedded.port())
                : admin.redactedUrl();
    }

    private void execute(String sql) {
        try (Connection c = open(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw failure("cannot run '" + sql + "'; the benchmark user needs the CREATEDB privilege", e);
        }
    }

    private Connection open() {
        return admin.open("slipway-bench", null);
    }

    private SlipwayException failure(String what, SQLException e) {
        return new SlipwayException(ErrorCode.CONNECTION_FAILED, what + " on " + location() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
