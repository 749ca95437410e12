package dev.slipway.migrate.backfill;

/** Told as a backfill goes: after each batch, at each pause and resume, and at its end. Default: ignore. */
public interface BackfillListener {

    default void progressed(BackfillStatus status) {
    }

    BackfillListener NONE = new BackfillListener() {
    };
}
