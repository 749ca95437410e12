package dev.slipway.lint;

import java.util.List;

/**
 * What a traced run measured for one migration on the scratch copy.
 *
 * @param migration     the migration's name
 * @param file          its file
 * @param transactional whether it ran in one transaction (locks read from pg_locks before it committed);
 *                      otherwise statement by statement, with locks sampled while each ran
 * @param millis        how long the migration took
 * @param rows          rows changed by its statements
 * @param locks         table locks held, strongest mode per table
 * @param rewrites      tables whose storage was rewritten (relfilenode changed)
 * @param notes         what the trace could not measure, and why
 */
public record MigrationTrace(String migration, String file, boolean transactional, long millis, long rows,
                             List<ObservedLock> locks, List<TableRewrite> rewrites, List<String> notes) {

    public MigrationTrace {
        locks = List.copyOf(locks);
        rewrites = List.copyOf(rewrites);
        notes = List.copyOf(notes);
    }

    /**
     * A table lock the migration held.
     *
     * @param table      schema-qualified table
     * @param mode       the strongest mode held
     * @param heldMillis from the start of the statement that took it to the end of the transaction (or statement)
     * @param tableBytes the table's size before the migration (heap, indexes, TOAST)
     * @param line       the line of the statement that took it
     */
    public record ObservedLock(String table, LockMode mode, long heldMillis, long tableBytes, int line) {
    }

    /**
     * A table rewritten by the migration.
     *
     * @param table       schema-qualified table
     * @param bytesBefore its size before
     * @param line        the line of the statement that rewrote it
     */
    public record TableRewrite(String table, long bytesBefore, int line) {
    }
}
