package dev.slipway.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * A data source that connects with the server part of the URL and passes every setting as a connection
 * property. pgjdbc's own {@code PGSimpleDataSource} folds all of its settings back into a URL of about
 * 1.6 kB, which Flyway then redacts with regular expressions on every command (about 27 ms each); the
 * short URL keeps what the connection reports as its URL to {@code jdbc:postgresql://host:port/db}.
 * Thread-safe: the properties are copied for each connection.
 */
final class PgDataSource implements DataSource {

    private static final Driver DRIVER = new Driver();

    private final String serverUrl;
    private final Properties properties;
    private int loginTimeout;

    /**
     * @param serverUrl  {@code jdbc:postgresql://host[:port]/database}, without parameters
     * @param properties the URL's own parameters overlaid with Slipway's settings, user and password
     */
    PgDataSource(String serverUrl, Properties properties) {
        this.serverUrl = serverUrl;
        this.properties = properties;
    }

    /** The URL connections are opened with. */
    String serverUrl() {
        return serverUrl;
    }

    /** The setting {@code name} as connections get it, {@code null} when unset. */
    String setting(String name) {
        return properties.getProperty(name);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = DRIVER.connect(serverUrl, (Properties) properties.clone());
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL", "08001");
        }
        return c;
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials are fixed when the data source is made");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // pgjdbc logs through java.util.logging; nothing to set
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
