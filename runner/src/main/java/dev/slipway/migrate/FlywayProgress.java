package dev.slipway.migrate;

import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Relays Flyway's per-migration events to the run's listener. */
final class FlywayProgress extends BaseCallback {
    private volatile MigrationListener listener = MigrationListener.NONE;
    private volatile MigrationEntry current;

    /** Relays to {@code l} from now on; {@link MigrationListener#NONE} to stop. */
    void relayTo(MigrationListener l) {
        listener = l;
        current = null;
    }

    /** The migration that started last (the failing one, when a run fails), or {@code null}. */
    MigrationEntry current() {
        return current;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationEntry entry = FlywayEntries.of(context.getMigrationInfo());
        switch (event) {
            case BEFORE_EACH_MIGRATE -> {
                current = entry;
                listener.started(entry);
            }
            case AFTER_EACH_MIGRATE -> listener.succeeded(entry);
            default -> listener.failed(entry);
        }
    }
}
