package dev.slipway.migrate;

import java.util.List;

/**
 * A migration tool behind one interface. Implementations apply migrations forward only: they never
 * clean, undo or roll back. Connections come from the data source they were built with, which
 * already carries the session timeouts. Not thread-safe: one run at a time.
 */
public interface MigrationEngine {

    EngineKind kind();

    /** The version of the library behind the engine, for the run record. */
    String toolVersion();

    /** What the location and the database history say, without changing anything. */
    MigrationStatus status();

    /**
     * What a run would execute, without executing it: the pending migrations, and for engines that can
     * generate it, the SQL.
     */
    List<String> dryRun();

    /**
     * Applies every pending migration in order, reporting each to {@code listener}. Call it after
     * {@link #status()} has passed {@link HistoryCheck}: engines do not validate the history again.
     *
     * @throws MigrationFailedException when a migration fails; the ones before it stay applied
     */
    void migrate(MigrationListener listener);

    /**
     * After a try failed on a lock, makes the history ready for the same migration to run again.
     * A transactional migration was rolled back and needs nothing. Returns false when a retry is not
     * safe: a non-transactional migration that failed after some of its statements had run.
     */
    boolean prepareRetry(MigrationFailedException failure);
}
