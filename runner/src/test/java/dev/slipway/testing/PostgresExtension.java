package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method that asks for a {@link TestDatabase} a new, empty database on the test
 * JVM's PostgreSQL server, and drops it afterwards. When the system property
 * {@code slipway.test.pgMajor} is set (the PostgreSQL 13 and 17 runs in CI), the server must be of
 * that major version.
 */
public final class PostgresExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
        return p.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
        PostgresServer server = PostgresServer.get();
        checkMajorVersion(server.admin());
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        exec(server.admin(), "CREATE DATABASE " + name);
        TestDatabase db = new TestDatabase(name, server.admin().withDatabase(name));
        ctx.getStore(NS).put(p.getIndex(), db);
        return db;
    }

    @Override
    public void afterEach(ExtensionContext ctx) {
        for (int i = 0; i < 8; i++) {
            TestDatabase db = ctx.getStore(NS).remove(i, TestDatabase.class);
            if (db != null) {
                exec(PostgresServer.get().admin(), "DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
            }
        }
    }

    private static void checkMajorVersion(ConnectionSpec admin) {
        String expected = System.getProperty("slipway.test.pgMajor");
        if (expected == null || expected.isBlank()) {
            return;
        }
        try (Connection c = admin.open("slipway-test", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            assertThat(Integer.parseInt(rs.getString(1)) / 10000)
                    .as("PostgreSQL major version of the test server").isEqualTo(Integer.parseInt(expected));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(ConnectionSpec spec, String sql) {
        try (Connection c = spec.open("slipway-test", null); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
