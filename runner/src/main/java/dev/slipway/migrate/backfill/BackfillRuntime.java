package dev.slipway.migrate.backfill;

import java.util.List;

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
}
