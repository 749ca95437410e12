package dev.slipway.serve;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership through a coordination.k8s.io Lease, for {@code serve} replicas running against a cluster (fabric8's
 * leader election). The leader renews the Lease every retry period; one that cannot renew within the renew deadline
 * stops leading, and another replica takes the Lease once it has not been renewed for the lease duration. Closing
 * releases the Lease at once. Thread-safe.
 */
public final class LeaseLeadership extends ElectedLeadership {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLeadership.class);

    /** Lease timings: how long a Lease holds unrenewed, how long a leader tries to renew, how often replicas try. */
    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        /** Kubernetes' own controllers' defaults. */
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String lease;
    private final Timing timing;
    private CompletableFuture<?> election;
    private boolean closed;

    /**
     * @param lease     the Lease's name in {@code namespace}: replicas for the same repository use the same one
     * @param onElected called once each time this replica becomes leader
     */
    public LeaseLeadership(KubernetesClient client, String namespace, String lease, String identity, Timing timing,
                           Runnable onElected) {
        super(identity, onElected);
        this.client = client;
        this.namespace = namespace;
        this.lease = lease;
        this.timing = timing;
    }

    /** Joins the election, and joins it again after this replica lost leadership (fabric8 ends an election then). */
    @Override
    public synchronized void check() {
        if (closed || (election != null && !election.isDone())) {
            return;
        }
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("slipway-serve").withLock(new LeaseLock(namespace, lease, identity()))
                .withLeaseDuration(timing.leaseDuration()).withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod()).withReleaseOnCancel()
                .withLeaderCallbacks(new LeaderCallbacks(this::leading, this::stopped, this::observed))
                .build()).build().start();
    }

    private void leading() {
        LOG.info("{} is the leader (Lease {}/{}): it reconciles previews; other replicas stand by", identity(),
                namespace, lease);
        elected();
    }

    private void stopped() {
        if (deposed()) {
            LOG.warn("{} lost leadership: it could not renew Lease {}/{} in time", identity(), namespace, lease);
        }
    }

    private void observed(String holder) {
        LOG.debug("Lease {}/{} is held by {}", namespace, lease, holder);
    }

    /** Leaves the election and releases the Lease so a standby takes over without waiting for it to lapse. */
    @Override
    public synchronized void close() {
        closed = true;
        deposed();
        if (election != null) {
            election.cancel(true);
        }
    }
}
