package dev.slipway.testing;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one PostgreSQL server of a test JVM, started on first use: the server {@code SLIPWAY_TEST_JDBC_URL}
 * points at (user and password from {@code SLIPWAY_TEST_USER} / {@code SLIPWAY_TEST_PASSWORD}), or an
 * embedded one from the binaries on the test classpath. The embedded server asks for a password
 * (scram) from the role {@value #PASSWORD_ROLE} and trusts everyone else on loopback, and preloads
 * {@code pg_stat_statements} as many production servers do (a test database that wants it runs CREATE EXTENSION).
 */
final class PostgresServer {

    static final String PASSWORD_ROLE = "slipway_pw";

    private static PostgresServer instance;

    private final ConnectionSpec admin;
    private final EmbeddedServer embedded;

    private PostgresServer(ConnectionSpec admin, EmbeddedServer embedded) {
        this.admin = admin;
        this.embedded = embedded;
    }

    static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static PostgresServer start() {
        String url = System.getenv("SLIPWAY_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(new ConnectionSpec(url, System.getenv("SLIPWAY_TEST_USER"),
                    System.getenv("SLIPWAY_TEST_PASSWORD"), Duration.ofSeconds(10)), null);
        }
        EmbeddedServer server = EmbeddedServer.start(dir -> {
            requirePasswordForTestRole(dir);
            preloadStatementStatistics(dir);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return new PostgresServer(server.spec("postgres"), server);
    }

    private static void requirePasswordForTestRole(java.io.File dataDir) {
        Path hba = dataDir.toPath().resolve("pg_hba.conf");
        try {
            String rules = "host all " + PASSWORD_ROLE + " 127.0.0.1/32 scram-sha-256\n"
                    + "host all " + PASSWORD_ROLE + " ::1/128 scram-sha-256\n";
            Files.writeString(hba, rules + Files.readString(hba));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void preloadStatementStatistics(java.io.File dataDir) {
        try {
            Files.writeString(dataDir.toPath().resolve("postgresql.conf"),
                    "\nshared_preload_libraries = 'pg_stat_statements'\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The superuser's connection to the server's maintenance database. */
    ConnectionSpec admin() {
        return admin;
    }

    boolean embedded() {
        return embedded != null;
    }
}
