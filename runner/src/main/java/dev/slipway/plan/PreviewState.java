package dev.slipway.plan;

/** What the ownership mark of an existing preview says about it. */
public enum PreviewState {
    /** Being cloned or migrated; if nobody is building it now, the build was interrupted. */
    BUILDING,
    /** Migrations applied and lint passed. */
    READY,
    /** Lint or a migration failed; the preview is kept as it is so the failure can be looked at. */
    FAILED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
