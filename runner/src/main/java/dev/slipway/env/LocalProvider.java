package dev.slipway.env;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import dev.slipway.mask.golden.GoldenMark;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Previews as databases on one PostgreSQL server, cloned from the masked golden with
 * {@code CREATE DATABASE … TEMPLATE} (strategy by {@link CloneStrategy}) and marked with a database comment.
 * Thread-safe.
 */
public final class LocalProvider implements EnvironmentProvider {

    private static final String SAFE_NAME = "preview_[a-z0-9_]{1,55}";

    private final ConnectionSpec server;
    private final String golden;
    private final NameClaims claims;
    private final TemplateClone cloner;

    /**
     * @param server   a connection to a maintenance database (e.g. {@code postgres}) as a user allowed to
     *                 create databases
     * @param golden   the masked golden database previews are cloned from
     * @param strategy {@code serve.previews.cloneStrategy}: {@link CloneStrategy#choose} decides for AUTO
     */
    public LocalProvider(ConnectionSpec server, String golden, NameClaims claims, ClonePreference strategy) {
        this.server = server;
        this.golden = golden;
        this.claims = claims;
        this.cloner = new TemplateClone(server, golden, strategy);
    }

    public LocalProvider(ConnectionSpec server, String golden, NameClaims claims) {
        this(server, golden, claims, ClonePreference.AUTO);
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
        PreviewTarget.Clone clone = cloner.into(name);
        PreviewTarget target = new PreviewTarget(name, key, headSha, created, server.withDatabase(name), clone);
        mark(target, PreviewState.BUILDING);
        return target;
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
