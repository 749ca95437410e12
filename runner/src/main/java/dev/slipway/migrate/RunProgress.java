package dev.slipway.migrate;

/** Told, as a run goes, about each migration, each retry and each clean-up. Default: ignore. */
public interface RunProgress {

    default void migrated(StepReport step) {
    }

    default void retrying(RetryEvent retry) {
    }

    default void droppedInvalidIndex(String index) {
    }

    /** A backfill's progress: after each batch, at pauses, at its end. */
    default void backfill(dev.slipway.migrate.backfill.BackfillStatus status) {
    }

    RunProgress NONE = new RunProgress() {
    };
}
