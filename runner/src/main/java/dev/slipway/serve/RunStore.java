package dev.slipway.serve;

import dev.slipway.plan.PreviewKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Preview builds in {@code slipway.preview_runs}, and the names claimed before a preview database is created.
 * Thread-safe.
 */
public final class RunStore implements dev.slipway.env.NameClaims {

    private static final String COLUMNS = "id, repo, pr_id, head_sha, preview, reason, owner, state, started_at, "
            + "finished_at, summary, detail::text, error, clone_strategy, clone_ms";

    private final StateStore store;

    public RunStore(StateStore store) {
        this.store = store;
    }

    /** Records a build starting now, state {@code running}. */
    public UUID start(PreviewKey key, String headSha, String preview, String reason, String owner) {
        UUID id = UUID.randomUUID();
        store.call("record the start of a preview build", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO slipway.preview_runs (id, repo, pr_id, head_sha, preview, reason, owner, state, started_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'running', now())
                    """)) {
                ps.setObject(1, id);
                ps.setString(2, key.repo());
                ps.setString(3, key.id());
                ps.setString(4, headSha);
                ps.setString(5, preview);
                ps.setString(6, reason);
                ps.setString(7, owner);
                return ps.executeUpdate();
            }
        });
        return id;
    }

    /** Records how the build's preview was cloned. */
    public void cloned(UUID id, String strategy, long millis) {
        store.call("record the clone of preview build " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE slipway.preview_runs SET clone_strategy = ?, clone_ms = ? WHERE id = ?")) {
                ps.setString(1, strategy);
                ps.setLong(2, millis);
                ps.setObject(3, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Records how a build ended; {@code detailJson} is stored as jsonb. */
    public void finish(UUID id, String state, String summary, String detailJson, String error) {
        store.call("record the end of preview build " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE slipway.preview_runs SET state = ?, finished_at = now(), summary = ?, detail = ?::jsonb, error = ?
                    WHERE id = ?
                    """)) {
                ps.setString(1, state);
                ps.setString(2, summary);
                ps.setString(3, detailJson);
                ps.setString(4, error);
                ps.setObject(5, id);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Marks every build still {@code running} as {@code interrupted}: called by a new leader, which knows
     * no build of its own is running yet.
     *
     * @return how many were marked
     */
    public int interruptRunning() {
        return store.call("mark interrupted preview builds", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE slipway.preview_runs SET state = 'interrupted', finished_at = now(),
                      summary = 'interrupted: serve stopped during the build; the preview is rebuilt from a fresh clone'
                    WHERE state = 'running'
                    """)) {
                return ps.executeUpdate();
            }
        });
    }

    public Optional<RunRow> find(UUID id) {
        return store.call("read preview build " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM slipway.preview_runs WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<RunRow>empty();
                }
            }
        });
    }

    /** The builds of one pull request, newest first. */
    public List<RunRow> forPullRequest(PreviewKey key, int limit) {
        return store.call("read builds of " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM slipway.preview_runs WHERE repo = ? AND pr_id = ? ORDER BY started_at DESC LIMIT ?")) {
                ps.setString(1, key.repo());
                ps.setString(2, key.id());
                ps.setInt(3, limit);
                return rows(ps);
            }
        });
    }

    /** The newest build of every pull request of {@code repo}. */
    public Map<PreviewKey, RunRow> latest(String repo) {
        return store.call("read the latest builds of " + repo, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (pr_id) " + COLUMNS
                    + " FROM slipway.preview_runs WHERE repo = ? ORDER BY pr_id, started_at DESC")) {
                ps.setString(1, repo);
                Map<PreviewKey, RunRow> out = new LinkedHashMap<>();
                rows(ps).forEach(r -> out.put(r.key(), r));
                return out;
            }
        });
    }

    /** Remembers that {@code name} is being created for {@code key}, before CREATE DATABASE. */
    @Override
    public void claim(String name, PreviewKey key) {
        store.call("claim preview name " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO slipway.preview_claims (name, repo, pr_id, claimed_at) VALUES (?, ?, ?, now())
                    ON CONFLICT (name) DO UPDATE SET repo = EXCLUDED.repo, pr_id = EXCLUDED.pr_id, claimed_at = now()
                    """)) {
                ps.setString(1, name);
                ps.setString(2, key.repo());
                ps.setString(3, key.id());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void release(String name) {
        store.call("release preview name " + name, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM slipway.preview_claims WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
    }

    /** Claimed names and whose they are. */
    @Override
    public Map<String, PreviewKey> claims() {
        return store.call("read claimed preview names", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, repo, pr_id FROM slipway.preview_claims");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, PreviewKey> out = new LinkedHashMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), new PreviewKey(rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        });
    }

    private static List<RunRow> rows(PreparedStatement ps) throws SQLException {
        List<RunRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static RunRow row(ResultSet rs) throws SQLException {
        return new RunRow(rs.getObject(1, UUID.class), new PreviewKey(rs.getString(2), rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), StateStore.instant(rs, 9),
                StateStore.instant(rs, 10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getObject(15, Long.class));
    }
}
