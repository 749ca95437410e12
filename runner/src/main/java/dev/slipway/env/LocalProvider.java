package dev.slipway.env;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import dev.slipway.mask.GoldenMark;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewNames;
import dev.slipway.plan.PreviewState;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Previews as databases on one PostgreSQL server, cloned from the masked golden with
 * {@code CREATE DATABASE … TEMPLATE} and marked with a database comment. Thread-safe.
 */
public final class LocalProvider implements EnvironmentProvider {

    private static final String SAFE_NAME = "preview_[a-z0-9_]{1,55}";
    private static final Duration GOLDEN_BUSY_WAIT = Duration.ofSeconds(15);

    private final ConnectionSpec server;
    private final String golden;
    private final NameClaims claims;

    /**
     * @param server a connection to a maintenance database (e.g. {@code postgres}) as a user allowed to
     *               create databases
     * @param golden the masked golden database previews are cloned from
     */
    public LocalProvider(ConnectionSpec server, String golden, NameClaims claims) {
        this.server = server;
        this.golden = golden;
        this.claims = claims;
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public Inventory inventory() {
        Map<String, PreviewKey> claimed = claims.claims();
        List<ActualPreview> previews = new ArrayList<>();
        List<ActualPreview.Foreign> foreign = new ArrayList<>();
        comments().forEach((name, comment) -> {
            Optional<PreviewMark> mark = PreviewMark.parse(comment);
            if (mark.isPresent()) {
                PreviewMark m = mark.get();
                previews.add(new ActualPreview(name, m.key(), m.headSha(), m.state(), m.createdAt()));
            } else if (claimed.containsKey(name)) {
                previews.add(new ActualPreview(name, claimed.get(name), "unknown", PreviewState.BUILDING, Instant.EPOCH));
            } else {
                foreign.add(new ActualPreview.Foreign(name));
            }
        });
        return new Inventory(previews, foreign);
    }

    private Map<String, String> comments() {
        return query("list preview databases", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database
                    WHERE datname LIKE 'preview\\_%' ORDER BY datname
                    """); ResultSet rs = ps.executeQuery()) {
                Map<String, String> out = new java.util.LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
                return out;
            }
        });
    }

    @Override
    public PreviewTarget create(String name, PreviewKey key, String headSha) {
        requireSafe(name);
        GoldenMark.requireMasked(server.withDatabase(golden));
        claims.claim(name, key);
        Instant created = Instant.now();
        cloneGolden(name);
        PreviewTarget target = new PreviewTarget(name, key, headSha, created, server.withDatabase(name));
        mark(target, PreviewState.BUILDING);
        return target;
    }

    private void cloneGolden(String name) {
        String sql = "CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE " + Identifiers.quote(golden);
        long deadline = System.nanoTime() + GOLDEN_BUSY_WAIT.toNanos();
        for (long pause = 50; ; pause = Math.min(1000, pause * 2)) {
            try {
                execute(sql);
                return;
            } catch (SQLException e) {
                if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
                    throw cloneFailed(name, e);
                }
                LockSupport.parkNanos(pause * 1_000_000);
            }
        }
    }

    private SlipwayException cloneFailed(String name, SQLException e) {
        String hint = "55006".equals(e.getSQLState())
                ? "sessions stay connected to the golden '" + golden + "': a template cannot have other sessions; "
                        + "disconnect them (previews connect to their own database, never to the golden)"
                : "42P04".equals(e.getSQLState()) ? "a database of that name exists without Slipway's mark; rename or drop it"
                : "check that the user may CREATE DATABASE and the server has disk space";
        return new SlipwayException(ErrorCode.PREVIEW_FAILED, "cannot clone golden '" + golden + "' into preview '"
                + name + "' on " + server.redactedUrl() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState()
                + "); " + hint, e);
    }

    @Override
    public void mark(PreviewTarget target, PreviewState state) {
        String text = new PreviewMark(target.key(), target.headSha(), state, target.createdAt()).text();
        query("mark preview " + target.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT format('COMMENT ON DATABASE %I IS %L', ?, ?)")) {
                ps.setString(1, target.name());
                ps.setString(2, text);
                try (ResultSet rs = ps.executeQuery(); Statement st = c.createStatement()) {
                    rs.next();
                    st.execute(rs.getString(1));
                }
            }
            return null;
        });
    }

    @Override
    public void drop(ActualPreview preview) {
        requireSafe(preview.name());
        Map<String, String> found = comments();
        if (!found.containsKey(preview.name())) {
            claims.release(preview.name());
            return;
        }
        boolean ours = PreviewMark.parse(found.get(preview.name())).map(m -> m.key().equals(preview.key()))
                .orElseGet(() -> preview.key().equals(claims.claims().get(preview.name())));
        if (!ours) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "refusing to drop database '" + preview.name()
                    + "': it does not carry Slipway's mark for " + preview.key() + "; it is left as it is");
        }
        try {
            execute("DROP DATABASE IF EXISTS " + Identifiers.quote(preview.name()) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "cannot drop preview '" + preview.name() + "' on "
                    + server.redactedUrl() + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
        claims.release(preview.name());
    }

    @Override
    public ConnectionInfo connectionInfo(String name) {
        URI uri = URI.create(server.url().substring("jdbc:".length()));
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new ConnectionInfo(host, port, name, server.user(), "jdbc:postgresql://" + host + ":" + port + "/" + name);
    }

    private static void requireSafe(String name) {
        if (!name.matches(SAFE_NAME) || name.length() > PreviewNames.MAX_BYTES) {
            throw new IllegalArgumentException("not a preview name: " + name);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = server.open("slipway-serve", null); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T query(String what, Work<T> work) {
        try (Connection c = server.open("slipway-serve", null)) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "cannot " + what + " on " + server.redactedUrl()
                    + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
        }
    }

}
