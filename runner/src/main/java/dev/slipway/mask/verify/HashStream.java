package dev.slipway.mask.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A query's rows {@code (key text, count or value hash)} read in order with a server-side cursor, so
 * no side is ever held in memory: both sides of a verify check are merged as they stream.
 */
public final class HashStream implements AutoCloseable {

    private static final int FETCH = 10_000;

    private final Statement statement;
    private final ResultSet rows;
    private boolean more;

    HashStream(Connection c, String sql) throws SQLException {
        statement = c.createStatement();
        statement.setFetchSize(FETCH);
        rows = statement.executeQuery(sql);
        more = rows.next();
    }

    boolean more() {
        return more;
    }

    String key() throws SQLException {
        return rows.getString(1);
    }

    String value() throws SQLException {
        return rows.getString(2);
    }

    long count() throws SQLException {
        return rows.getLong(2);
    }

    void next() throws SQLException {
        more = rows.next();
    }

    @Override
    public void close() throws SQLException {
        rows.close();
        statement.close();
    }
}
