package dev.slipway.migrate.backfill;

/** Told as a backfill goes: after each batch, at each pause and resume, and at its end. */
@FunctionalInterface
public interface BackfillListener {

    void progressed(BackfillStatus status);

    BackfillListener NONE = status -> { };
}
