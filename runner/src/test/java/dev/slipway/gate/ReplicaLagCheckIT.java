package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.testing.Standby;
import dev.slipway.migrate.backfill.ReplicaLag;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gate's replica-lag check against a real streaming standby whose replay is paused, then resumed. */
@ExtendWith(PostgresExtension.class)
class ReplicaLagCheckIT {

    private static ReplicaLagCheck check(TestDatabase db, List<ReplicaLag.Replica> replicas) {
        return new ReplicaLagCheck(new ReplicaLag(() -> db.spec().open("test-gate", null), replicas),
                Duration.ofSeconds(1), replicas.stream().map(ReplicaLag.Replica::name).toList());
    }

    @Test
    void refusesWhileAStandbyLagsAndPassesOnceItCaughtUp(TestDatabase db) {
        try (Standby standby = Standby.of(db.spec())) {
            standby.awaitCaughtUp();
            List<ReplicaLag.Replica> named = List.of(new ReplicaLag.Replica("replica-1", standby.spec("postgres")));
            assertThat(check(db, named).run()).singleElement().satisfies(r -> {
                assertThat(r.result()).isEqualTo(CheckResult.Result.PASS);
                assertThat(r.threshold()).isEqualTo("≤ 1s");
                assertThat(r.reason()).isEqualTo("2 standbys within the limit");
            });

            standby.pauseReplay();
            db.execute("CREATE TABLE t (n int)", "INSERT INTO t VALUES (1)");
            await().atMost(Duration.ofSeconds(30)).until(() -> check(db, named).run().get(0).result()
                    == CheckResult.Result.FAIL);
            CheckResult refused = check(db, named).run().get(0);
            assertThat(refused.name()).isEqualTo("replica-lag");
            assertThat(refused.reason()).contains("replays", "behind the primary", "wait for it to catch up");

            standby.resumeReplay();
            standby.awaitCaughtUp();
            await().atMost(Duration.ofSeconds(30)).until(() -> check(db, named).run().get(0).result()
                    == CheckResult.Result.PASS);
        }
    }

    @Test
    void aReplicaThatCannotBeReadIsUnknownNotSmall(TestDatabase db) {
        List<ReplicaLag.Replica> gone = List.of(new ReplicaLag.Replica("gone", new dev.slipway.db.ConnectionSpec(
                "jdbc:postgresql://127.0.0.1:1/app", "nobody", null, Duration.ofSeconds(1))));

        CheckResult r = check(db, gone).run().get(0);

        assertThat(r.result()).isEqualTo(CheckResult.Result.UNKNOWN);
        assertThat(r.reason()).contains("cannot read replica gone");
    }
}
