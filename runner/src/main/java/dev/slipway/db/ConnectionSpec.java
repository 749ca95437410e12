package dev.slipway.db;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Where and as whom to connect. The password is held but never printed: {@link #toString()} and every
 * error message show the redacted URL and the user only.
 */
public record ConnectionSpec(String url, String user, String password, Duration connectTimeout) {

    public ConnectionSpec {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new SlipwayException(ErrorCode.USAGE, "connection URL '" + JdbcUrls.redact(url)
                    + "' is not a PostgreSQL JDBC URL; expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** The URL with any secret in it replaced by {@code ***}. */
    public String redactedUrl() {
        return JdbcUrls.redact(url);
    }

    /** The same server and credentials, another database on it. */
    public ConnectionSpec withDatabase(String database) {
        String base = url.replaceFirst("^(jdbc:postgresql://[^/?]*)/[^?]*", "$1/" + database);
        return new ConnectionSpec(base, user, password, connectTimeout);
    }

    /**
     * The same, its connections sending statements in the simple query protocol: a statement with parameter
     * symbols and no values, as {@code EXPLAIN (GENERIC_PLAN)} takes, cannot go through Parse and Bind.
     */
    public ConnectionSpec withSimpleQueries() {
        return new ConnectionSpec(url + (url.contains("?") ? "&" : "?") + "preferQueryMode=simple", user, password,
                connectTimeout);
    }

    /**
     * A data source whose connections carry {@code applicationName} and, when given, the session
     * timeouts; connecting fails within {@link #connectTimeout()}.
     */
    public DataSource dataSource(String applicationName, SessionTimeouts timeouts) {
        Properties props = Driver.parseURL(url, null);
        if (props == null) {
            throw new SlipwayException(ErrorCode.USAGE, "connection URL '" + redactedUrl()
                    + "' cannot be parsed; expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        String seconds = String.valueOf(Math.max(1, (connectTimeout.toMillis() + 999) / 1000));
        set(props, PGProperty.USER, user);
        set(props, PGProperty.PASSWORD, password);
        set(props, PGProperty.CONNECT_TIMEOUT, seconds);
        set(props, PGProperty.LOGIN_TIMEOUT, seconds);
        set(props, PGProperty.SOCKET_TIMEOUT, "0");
        set(props, PGProperty.APPLICATION_NAME, applicationName);
        set(props, PGProperty.OPTIONS, timeouts == null ? null : timeouts.asStartupOptions());
        return new PgDataSource(serverUrl(), props);
    }

    /** The URL without its parameters: what the connections report, so what tools print and redact. */
    private String serverUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static void set(Properties props, PGProperty property, String value) {
        if (value != null) {
            property.set(props, value);
        }
    }

    /** Opens one connection, translating a refusal into a {@link SlipwayException} that names the target. */
    public Connection open(String applicationName, SessionTimeouts timeouts) {
        try {
            return dataSource(applicationName, timeouts).getConnection();
        } catch (SQLException e) {
            throw connectFailure(e);
        }
    }

    /** The error to throw when connecting to this target failed with {@code e}. */
    public SlipwayException connectFailure(SQLException e) {
        String reason = JdbcUrls.scrub(e.getMessage(), password);
        String hint = "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())
                ? "check the user and the password (given through --password-env or SLIPWAY_PASSWORD)"
                : "check that the server runs and the host, port and database in the URL are right";
        return new SlipwayException(ErrorCode.CONNECTION_FAILED, "cannot connect to " + redactedUrl()
                + " as user '" + user + "' (SQLSTATE " + e.getSQLState() + "): " + reason + "; " + hint, null);
    }

    @Override
    public String toString() {
        return "ConnectionSpec[url=" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", connectTimeout=" + connectTimeout + "]";
    }
}
