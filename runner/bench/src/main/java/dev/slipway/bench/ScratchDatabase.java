package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A database created for one benchmark phase; closing it drops it. */
public final class ScratchDatabase implements AutoCloseable {

    private final String name;
    private final ConnectionSpec spec;
    private final BenchServer server;

    ScratchDatabase(String name, ConnectionSpec spec, BenchServer server) {
        this.name = name;
        this.spec = spec;
        this.server = server;
    }

    public String name() {
        return name;
    }

    /** The benchmark user's connection to this database. */
    public ConnectionSpec spec() {
        return spec;
    }

    /** Runs one statement of the benchmark's own set-up, in autocommit, with {@code values} bound to its {@code ?}s. */
    public void execute(String sql, Object... values) {
        try (Connection c = spec.open("slipway-bench", null); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark set-up in database " + name + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The first column of the first row of {@code sql}, a number: a size or a count. */
    long number(String sql) {
        try (Connection c = spec.open("slipway-bench", null); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark query in database " + name + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.dropDatabase(name);
    }
}
