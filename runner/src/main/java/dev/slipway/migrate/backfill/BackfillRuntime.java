package dev.slipway.migrate.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * What a run gives its backfills beyond their own settings: the defaults under their marker lines, the replicas
 * named in {@code slipway.yaml} (the primary's own standbys are always watched), throttles of its own (an SLO's burn
 * rate), and who is told their progress.
 */
public record BackfillRuntime(BackfillSettings defaults, List<ReplicaLag.Replica> replicas, List<Throttle> throttles,
                              BackfillListener listener) {

    public static final BackfillRuntime DEFAULT = new BackfillRuntime(BackfillSettings.DEFAULT, List.of(), List.of(),
            BackfillListener.NONE);

    public BackfillRuntime {
        replicas = List.copyOf(replicas);
        throttles = List.copyOf(throttles);
    }

    public BackfillRuntime withListener(BackfillListener l) {
        return new BackfillRuntime(defaults, replicas, throttles, l);
    }

    /**
     * Runs (or resumes) one backfill on {@code c}, which is in autocommit and has the run's session timeouts, held back
     * by the lag of {@code primary}'s standbys and of the replicas, and by the throttles.
     *
     * @param primary     opens a connection to the database the backfill changes, to watch its standbys
     * @param rowsChanged told the rows of each committed batch
     * @throws BackfillStopped when it stopped early; its committed batches and progress stay
     */
    public BackfillStatus run(String migration, BackfillScript script, Connection c, Supplier<Connection> primary,
                              LongConsumer rowsChanged) throws SQLException {
        try (ReplicaLag lag = new ReplicaLag(primary, replicas)) {
            List<Throttle> all = new ArrayList<>();
            all.add(lag);
            all.addAll(throttles);
            return new Backfill(migration, script, all, listener, rowsChanged).run(c);
        }
    }
}
