package dev.slipway.db;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * A {@link ConnectionSpec} for PostgreSQL's own programs ({@code pg_dump}, {@code pg_restore}), which speak libpq:
 * its {@code PG*} environment variables. The password goes into {@code PGPASSWORD} of the child process only,
 * never onto a command line (where {@code ps} would show it).
 */
public final class Libpq {

    /** pgjdbc's {@code targetServerType} as libpq's {@code target_session_attrs}. */
    private static final Map<String, String> TARGET = Map.of("primary", "read-write", "master", "read-write",
            "secondary", "standby", "slave", "standby", "preferSecondary", "prefer-standby",
            "preferSlave", "prefer-standby", "any", "any");

    private Libpq() {
    }

    /**
     * The environment of a child process connecting as {@code spec}: the parent's, without any {@code PG*}
     * variable of its own, plus host, port, database, user, password, SSL settings, {@code options} and
     * {@code applicationName} taken from the JDBC URL.
     *
     * @throws SlipwayException {@link ErrorCode#USAGE} when the URL cannot be parsed
     */
    public static Map<String, String> environment(ConnectionSpec spec, String applicationName, Map<String, String> parent) {
        Properties props = Driver.parseURL(spec.url(), null);
        if (props == null) {
            throw new SlipwayException(ErrorCode.USAGE, "connection URL '" + spec.redactedUrl()
                    + "' cannot be parsed; expected jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        Map<String, String> env = new LinkedHashMap<>();
        parent.forEach((k, v) -> {
            if (!k.startsWith("PG")) {
                env.put(k, v);
            }
        });
        put(env, "PGHOST", props.getProperty("PGHOST", "localhost"));
        put(env, "PGPORT", props.getProperty("PGPORT", "5432"));
        put(env, "PGDATABASE", props.getProperty("PGDBNAME"));
        put(env, "PGUSER", spec.user() != null ? spec.user() : props.getProperty("user"));
        put(env, "PGPASSWORD", spec.password() != null ? spec.password() : props.getProperty("password"));
        put(env, "PGAPPNAME", applicationName);
        put(env, "PGCONNECT_TIMEOUT", String.valueOf(Math.max(2, spec.connectTimeout().toSeconds())));
        String sslmode = props.getProperty("sslmode");
        put(env, "PGSSLMODE", sslmode != null ? sslmode : "true".equals(props.getProperty("ssl")) ? "verify-full" : null);
        put(env, "PGSSLROOTCERT", props.getProperty("sslrootcert"));
        put(env, "PGSSLCERT", props.getProperty("sslcert"));
        put(env, "PGSSLKEY", props.getProperty("sslkey"));
        put(env, "PGOPTIONS", props.getProperty("options"));
        put(env, "PGTARGETSESSIONATTRS", TARGET.get(props.getProperty("targetServerType", "")));
        env.put("LC_ALL", "C");
        return env;
    }

    private static void put(Map<String, String> env, String key, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(key, value);
        }
    }
}
