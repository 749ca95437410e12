package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The standby is real: it replays what the primary writes, and with replay paused the primary's pg_stat_replication
 * and the standby's own clock show lag that grows, then falls back once replay resumes. What both showed, sample by
 * sample, is written to {@code target/standby-lag-pgN.txt}.
 *
 * <p>What it shows on 13, 15, 17 and 18 alike: while replay is paused, the primary's {@code replay_lag} does not
 * grow, nor turn NULL: it stays at the last value measured before the pause (a few hundred ms), since it is only
 * computed when the standby reports a replay position that has moved. The WAL difference stays positive and the
 * standby's own estimate ({@code now() - pg_last_xact_replay_timestamp()} while received differs from replayed)
 * grows with the clock. After resuming, {@code replay_lag} first jumps to the real delay (about 3 s) and keeps it
 * until the standby's next idle status report (5 to 9 s later here), then falls to milliseconds or NULL; the WAL
 * difference and the standby's estimate are 0 at once. So a lag check must not trust {@code replay_lag} alone.
 */
@ExtendWith(PostgresExtension.class)
class StandbyIT {

    /** The primary's view of the standby. */
    private static final String PRIMARY_VIEW = "SELECT application_name, state, replay_lag,"
            + " EXTRACT(EPOCH FROM replay_lag), pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)"
            + " FROM pg_stat_replication WHERE application_name = ?";
    /** The standby's own estimate of its lag, in seconds (0 when it has replayed all it received). */
    private static final String STANDBY_VIEW = "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
            + " THEN 0 ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END";

    /** One look at both sides. */
    record Sample(long millis, String applicationName, String state, String replayLag, Double replayLagSeconds,
            long lsnDiff, double standbyLagSeconds) {
        @Override
        public String toString() {
            return String.format("t=%5d ms  %s  state=%s  replay_lag=%s  lsn_diff=%d  standby_query=%.3f", millis,
                    applicationName, state, replayLag, lsnDiff, standbyLagSeconds);
        }
    }

    @Test
    void replaysThePrimaryAndLagsForRealWhileReplayIsPaused(TestDatabase db) throws IOException {
        int major = Integer.parseInt(db.value("SHOW server_version_num")) / 10000;
        List<String> report = new ArrayList<>(List.of("PostgreSQL " + major + " ("
                + db.value("SHOW server_version") + ")"));
        try (Standby standby = Standby.of(db.spec())) {
            ConnectionSpec replica = standby.spec(db.name());
            assertThat(Standby.value(replica, "SELECT pg_is_in_recovery()")).isEqualTo("t");
            assertThat(Standby.value(replica, "SHOW server_version_num")).as("the standby runs the primary's major")
                    .startsWith(String.valueOf(major));

            db.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)", "INSERT INTO notes VALUES (1, 'first')");
            standby.awaitCaughtUp();
            assertThat(Standby.value(replica, "SELECT body FROM notes WHERE id = 1")).isEqualTo("first");

            standby.pauseReplay();
            db.execute("INSERT INTO notes SELECT g, 'paused ' || g FROM generate_series(2, 1000) g");
            long start = System.nanoTime();
            List<Sample> paused = new ArrayList<>();
            await("lag on the primary (WAL not replayed) and in time, over 3 s").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        Sample s = sample(db.spec(), replica, standby.applicationName(), start);
                        paused.add(s);
                        boolean timeLag = (s.replayLagSeconds() != null && s.replayLagSeconds() > 2)
                                || s.standbyLagSeconds() > 2;
                        return s.millis() >= 3000 && s.lsnDiff() > 0 && timeLag;
                    });
            report.add("paused:");
            paused.forEach(s -> report.add("  " + s));
            Sample last = paused.get(paused.size() - 1);
            assertThat(last.state()).isEqualTo("streaming");
            assertThat(last.lsnDiff()).as("WAL written on the primary, not replayed").isPositive();
            assertThat(last.standbyLagSeconds()).as("the standby's own lag estimate").isGreaterThan(2);
            assertThat(Standby.value(replica, "SELECT count(*) FROM notes")).as("nothing replayed").isEqualTo("1");

            standby.resumeReplay();
            standby.awaitCaughtUp();
            List<Sample> resumed = new ArrayList<>();
            await("lag back to 0").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Sample s = sample(db.spec(), replica, standby.applicationName(), start);
                resumed.add(s);
                return s.lsnDiff() == 0 && s.standbyLagSeconds() == 0
                        && (s.replayLagSeconds() == null || s.replayLagSeconds() < 1);
            });
            report.add("resumed:");
            resumed.forEach(s -> report.add("  " + s));
            assertThat(Standby.value(replica, "SELECT count(*) FROM notes")).isEqualTo("1000");
        } finally {
            Path out = RepoFolders.path("runner/target").resolve("standby-lag-pg" + major + ".txt");
            Files.write(out, report, StandardCharsets.UTF_8);
            System.out.println(String.join("\n", report));
        }
    }

    @Test
    void noPgBasebackupOfTheMajorFailsSayingWhatToInstall() {
        assertThatThrownBy(() -> Standby.pgBasebackup(99)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no pg_basebackup of PostgreSQL 99 or newer")
                .hasMessageContaining("postgresql-client-15").hasMessageContaining(".ci/pg-client");
    }

    private static Sample sample(ConnectionSpec primary, ConnectionSpec replica, String name, long start) {
        try (Connection p = primary.open("slipway-test", null);
             var st = p.prepareStatement(PRIMARY_VIEW)) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for " + name + " in the primary's pg_stat_replication");
                }
                String standbyView = Standby.value(replica, STANDBY_VIEW);
                double standbyLag = standbyView == null ? Double.NaN : Double.parseDouble(standbyView);
                return new Sample((System.nanoTime() - start) / 1_000_000, rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getObject(4) == null ? null : rs.getDouble(4), rs.getLong(5), standbyLag);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
