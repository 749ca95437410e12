package dev.slipway.mask.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which database a connection reached, whatever the URL said: two URLs reach the same database when the
 * server's start time, port and the database's oid match (host names and addresses may differ). Needs no
 * privilege.
 */
public record ServerIdentity(String startedAt, int port, long databaseOid, String database, String version) {

    public static ServerIdentity of(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_postmaster_start_time()::text, "
                + "coalesce(inet_server_port(), 0), d.oid::bigint, d.datname, current_setting('server_version') "
                + "FROM pg_database d WHERE d.datname = current_database()")) {
            rs.next();
            return new ServerIdentity(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5));
        }
    }

    public boolean sameDatabase(ServerIdentity o) {
        return startedAt.equals(o.startedAt) && port == o.port && databaseOid == o.databaseOid;
    }

    /** The major version: 13 for {@code 13.22}, 17 for {@code 17.6 (Debian ...)}. */
    public int major() {
        return Integer.parseInt(version.split("[^0-9]", 2)[0]);
    }

    /** For the golden's mark: {@code PostgreSQL 15.18, database shop, server up since ...}. */
    public String describe() {
        return "PostgreSQL " + version.split(" ")[0] + ", database " + database + ", server up since " + startedAt;
    }
}
