package dev.slipway.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lease leadership against fabric8's mock API server (CRUD mode): one leader, hand-over on close, a stolen Lease. */
@EnableKubernetesMockClient(crud = true)
class LeaseLeadershipIT {

    private static final LeaseLeadership.Timing FAST = new LeaseLeadership.Timing(Duration.ofSeconds(3),
            Duration.ofSeconds(2), Duration.ofMillis(200));

    static KubernetesClient client;

    private final AtomicInteger elections = new AtomicInteger();
    private LeaseLeadership first;
    private LeaseLeadership second;

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void oneReplicaLeadsAndTheOtherTakesOverWhenItCloses() {
        first = replica("serve-a");
        second = replica("serve-b");
        first.check();
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        second.check();

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !second.isLeader());
        assertThat(holder()).isEqualTo("serve-a");
        first.close();

        await().atMost(Duration.ofSeconds(10)).until(second::isLeader);
        assertThat(holder()).isEqualTo("serve-b");
        assertThat(first.isLeader()).isFalse();
        assertThat(elections).hasValue(2);
    }

    @Test
    void aLeaderWhoseLeaseIsTakenStopsLeadingAndItsTermNoLongerHolds() {
        first = replica("serve-a");
        second = replica("serve-b");
        first.check();
        await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
        long term = first.term();

        client.leases().inNamespace("slipway").withName("slipway-serve-shop").edit(l -> {
            l.getSpec().setHolderIdentity("intruder");
            l.getSpec().setLeaseDurationSeconds(3600);
            l.getSpec().setRenewTime(ZonedDateTime.now());
            return l;
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isLeader());
        assertThat(first.holds(term)).isFalse();
        first.check();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !first.isLeader());
        assertThat(holder()).isEqualTo("intruder");
    }

    private LeaseLeadership replica(String identity) {
        return new LeaseLeadership(client, "slipway", "slipway-serve-shop", identity, FAST, elections::incrementAndGet);
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace("slipway").withName("slipway-serve-shop").get();
        return lease.getSpec().getHolderIdentity();
    }
}
