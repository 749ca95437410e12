package dev.slipway.serve;

/**
 * Which of several {@code serve} replicas acts: only the leader reconciles, builds and drops previews; the others
 * answer the API and record webhooks. Implementations are thread-safe: {@link #check()} runs on a timer while the
 * reconcile loop and HTTP threads ask {@link #isLeader()}.
 *
 * @see LockLeadership a PostgreSQL advisory lock (local mode)
 * @see LeaseLeadership a coordination.k8s.io Lease (in a cluster)
 */
public interface Leadership extends AutoCloseable {

    boolean isLeader();

    /** Counts this replica's elections: work started in one term must not act in a later one. */
    long term();

    /** Whether this replica still leads in {@code term}: false once it lost leadership, even if it won it back. */
    boolean holds(long term);

    /** This replica's name, as other replicas and the logs see it. */
    String identity();

    /** Keeps or tries to take leadership; called on a timer. */
    void check();

    /** Gives leadership up so another replica can take it at once. */
    @Override
    void close();
}
