package dev.slipway.serve;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionPool;
import dev.slipway.plan.DesiredPreview;
import dev.slipway.plan.PreviewKey;
import dev.slipway.webhook.Delivery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Slipway's serve state in the {@code slipway} schema of the state database: pull requests, webhook
 * deliveries and preview events (builds are in {@link RunStore}). Every call is one short statement on a
 * pooled connection. Thread-safe.
 */
public final class StateStore {

    private static final String UPSERT_PR = """
            INSERT INTO slipway.pull_requests AS p (repo, id, head_sha, branch, state, head_seen_at, event_at, updated_at, source)
            VALUES (?, ?, ?, ?, ?, now(), ?, now(), ?)
            ON CONFLICT (repo, id) DO UPDATE SET
              head_sha = EXCLUDED.head_sha, branch = COALESCE(EXCLUDED.branch, p.branch), state = EXCLUDED.state,
              head_seen_at = CASE WHEN p.head_sha = EXCLUDED.head_sha THEN p.head_seen_at ELSE now() END,
              event_at = EXCLUDED.event_at, updated_at = now(), source = EXCLUDED.source
            WHERE EXCLUDED.event_at > p.event_at
               OR (EXCLUDED.event_at = p.event_at AND (p.state = 'open' OR EXCLUDED.state <> 'open'))
               OR (p.state = 'open' AND EXCLUDED.state <> 'open')
            """;

    private final ConnectionPool pool;

    public StateStore(ConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * Applies a webhook's news about a pull request unless a newer event was applied already: a
     * {@code synchronize} that arrives after the {@code closed} it preceded changes nothing. A close or merge of an
     * open pull request always applies, whatever the times say: a preview left behind for a closed pull request
     * would hold masked data forever, while a close applied late to a reopened one is undone by its next push.
     *
     * @return true when the row changed
     */
    public boolean apply(PullRequestUpdate u) {
        return call("record pull request " + u.key(), c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_PR)) {
                ps.setString(1, u.key().repo());
                ps.setString(2, u.key().id());
                ps.setString(3, u.headSha());
                ps.setString(4, u.branch());
                ps.setString(5, u.state().name().toLowerCase(Locale.ROOT));
                ps.setTimestamp(6, Timestamp.from(u.eventAt()));
                ps.setString(7, u.source());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Applies what a Git poll saw. A pull request the poll sees for the first time is open; a head the poll sees
     * moved is taken unless a webhook wrote the row after the fetch started (the webhook is newer); a pull request
     * whose head was merged into the base is merged; an open one whose ref is gone is closed. Closed or merged
     * rows are never reopened by a poll: refs of closed pull requests stay on GitHub.
     */
    public void applyPoll(String repo, List<PolledPullRequest> open, List<PolledPullRequest> merged, Instant fetchStarted) {
        call("record the Git poll of " + repo, c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (PolledPullRequest p : open) {
                    pollOpen(c, repo, p, fetchStarted);
                }
                for (PolledPullRequest p : merged) {
                    pollMerged(c, repo, p);
                }
                closeVanished(c, repo, open, merged);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    private static void pollOpen(java.sql.Connection c, String repo, PolledPullRequest p, Instant fetchStarted)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO slipway.pull_requests AS p (repo, id, head_sha, state, head_seen_at, event_at, updated_at, source)
                VALUES (?, ?, ?, 'open', now(), '-infinity', now(), 'poll')
                ON CONFLICT (repo, id) DO UPDATE SET head_sha = EXCLUDED.head_sha, head_seen_at = now(), updated_at = now()
                WHERE p.state = 'open' AND p.head_sha <> EXCLUDED.head_sha AND p.updated_at < ?
                """)) {
            ps.setString(1, repo);
            ps.setString(2, p.id());
            ps.setString(3, p.headSha());
            ps.setTimestamp(4, Timestamp.from(fetchStarted));
            ps.executeUpdate();
        }
    }

    private static void pollMerged(java.sql.Connection c, String repo, PolledPullRequest p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE slipway.pull_requests SET state = 'merged', updated_at = now()
                WHERE repo = ? AND id = ? AND state = 'open' AND head_sha = ?
                """)) {
            ps.setString(1, repo);
            ps.setString(2, p.id());
            ps.setString(3, p.headSha());
            ps.executeUpdate();
        }
    }

    private static void closeVanished(java.sql.Connection c, String repo, List<PolledPullRequest> open,
                                      List<PolledPullRequest> merged) throws SQLException {
        List<String> seen = new ArrayList<>();
        open.forEach(p -> seen.add(p.id()));
        merged.forEach(p -> seen.add(p.id()));
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE slipway.pull_requests SET state = 'closed', updated_at = now()
                WHERE repo = ? AND state = 'open' AND NOT (id = ANY (?))
                """)) {
            ps.setString(1, repo);
            ps.setArray(2, c.createArrayOf("text", seen.toArray()));
            ps.executeUpdate();
        }
    }

    /** The open pull requests of {@code repo}: the previews that should exist. */
    public List<DesiredPreview> desired(String repo) {
        return call("read open pull requests of " + repo, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, head_sha, branch, head_seen_at FROM slipway.pull_requests WHERE repo = ? AND state = 'open'
                    """)) {
                ps.setString(1, repo);
                List<DesiredPreview> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DesiredPreview(new PreviewKey(repo, rs.getString(1)), rs.getString(2),
                                rs.getString(3), rs.getTimestamp(4).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /** Every pull request of {@code repo} Slipway knows, newest first. */
    public List<PullRequestRow> pullRequests(String repo) {
        return call("read pull requests of " + repo, c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, head_sha, branch, state, head_seen_at, updated_at, source FROM slipway.pull_requests
                    WHERE repo = ? ORDER BY updated_at DESC
                    """)) {
                ps.setString(1, repo);
                List<PullRequestRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PullRequestRow(new PreviewKey(repo, rs.getString(1)), rs.getString(2),
                                rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Records a delivery; the same forge and id again only counts a repeat.
     *
     * @return true the first time this delivery id is seen
     */
    public boolean record(Delivery d, Instant at) {
        return call("record webhook delivery " + d.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO slipway.deliveries AS d (forge, id, event, action, repo, status, result, reason, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (forge, id) DO UPDATE SET repeats = d.repeats + 1
                    RETURNING repeats = 0
                    """)) {
                ps.setString(1, d.forge().id());
                ps.setString(2, d.id());
                ps.setString(3, d.event());
                ps.setString(4, d.action());
                ps.setString(5, d.repoEvent().map(e -> e.repo()).orElse(null));
                ps.setInt(6, d.status());
                ps.setString(7, d.result().name().toLowerCase(Locale.ROOT));
                ps.setString(8, d.reason());
                ps.setTimestamp(9, Timestamp.from(at));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /** The newest {@code limit} deliveries. */
    public List<DeliveryRow> recentDeliveries(int limit) {
        return call("read webhook deliveries", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT forge, id, event, action, repo, status, result, reason, received_at, repeats
                    FROM slipway.deliveries ORDER BY received_at DESC LIMIT ?
                    """)) {
                ps.setInt(1, limit);
                List<DeliveryRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DeliveryRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), instant(rs, 9), rs.getInt(10)));
                    }
                }
                return out;
            }
        });
    }

    /** Records something that happened to a preview, for people. */
    public void event(PreviewKey key, String kind, String message) {
        call("record a preview event", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO slipway.preview_events (at, repo, pr_id, kind, message) VALUES (now(), ?, ?, ?, ?)")) {
                ps.setString(1, key.repo());
                ps.setString(2, key.id());
                ps.setString(3, kind);
                ps.setString(4, message);
                return ps.executeUpdate();
            }
        });
    }

    /** The newest {@code limit} preview events. */
    public List<EventRow> recentEvents(int limit) {
        return call("read preview events", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, repo, pr_id, kind, message FROM slipway.preview_events ORDER BY at DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<EventRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EventRow(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** A number that changes whenever a pull request row changes: the newest update time, as epoch microseconds. */
    public long lastChange(String repo) {
        return call("read the newest pull request change", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(max(extract(epoch FROM updated_at) * 1000000), 0)::bigint FROM slipway.pull_requests WHERE repo = ?")) {
                ps.setString(1, repo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** Runs {@code work} on a pooled connection; a failure says what could not be done. */
    <T> T call(String what, ConnectionPool.Work<T> work) {
        try {
            return pool.with(work);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.STATE_UNAVAILABLE, "cannot " + what + " in Slipway's state database: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); check that the state database is reachable", e);
        }
    }
}
