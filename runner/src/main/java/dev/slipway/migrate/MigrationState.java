package dev.slipway.migrate;

/** Where a migration stands, in the terms a release engineer uses. */
public enum MigrationState {
    /** Applied, and the file still matches what was applied. */
    APPLIED,
    /** Not yet applied; the next run applies it. */
    PENDING,
    /** The history records it as failed (a non-transactional migration that broke partway). */
    FAILED,
    /** Applied, but the file was edited since: refused. */
    CHECKSUM_DRIFT,
    /** Applied, but no longer in the location: refused. */
    MISSING,
    /** Not applied, and older than the newest applied one: refused unless out-of-order is allowed. */
    OUT_OF_ORDER
}
