package dev.slipway.testing;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh database of its own for one test, with helpers to look into it. */
public final class TestDatabase {

    private final String name;
    private final ConnectionSpec spec;

    TestDatabase(String name, ConnectionSpec spec) {
        this.name = name;
        this.spec = spec;
    }

    /** A new database {@code name} on {@code server}, for a test that runs a server of its own. */
    public static TestDatabase create(EmbeddedServer server, String name) {
        return new TestDatabase(name, server.createDatabase(name));
    }

    public String name() {
        return name;
    }

    /** The superuser's connection to this database. */
    public ConnectionSpec spec() {
        return spec;
    }

    public String url() {
        return spec.url();
    }

    public String user() {
        return spec.user();
    }

    public Connection connect() {
        return spec.open("slipway-test", null);
    }

    /** Runs statements, each in its own autocommit transaction. */
    public void execute(String... sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The first column of every row. */
    public List<String> column(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public String value(String sql) {
        List<String> rows = column(sql);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row from " + sql + ", got " + rows.size());
        }
        return rows.get(0);
    }

    /** Creates role {@code name} ({@code options}, e.g. {@code NOLOGIN}) unless the server has it: roles outlive databases. */
    public void role(String name, String options) {
        execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + name + "') THEN CREATE ROLE "
                + name + " " + options + "; END IF; END $$");
    }

    public boolean tableExists(String table) {
        return !column("SELECT 1 FROM pg_tables WHERE tablename = '" + table + "'").isEmpty();
    }

    public boolean columnExists(String table, String column) {
        return !column("SELECT 1 FROM information_schema.columns WHERE table_name = '" + table
                + "' AND column_name = '" + column + "'").isEmpty();
    }

    /**
     * A role that must log in with {@code password} (scram), owning this database's public schema;
     * for tests of authentication.
     */
    public ConnectionSpec passwordUser(String password) {
        String role = PostgresServer.PASSWORD_ROLE;
        if (column("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'").isEmpty()) {
            execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        } else {
            execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
        }
        execute("GRANT ALL ON DATABASE " + name + " TO " + role, "GRANT ALL ON SCHEMA public TO " + role);
        return new ConnectionSpec(spec.url(), role, password, spec.connectTimeout());
    }
}
