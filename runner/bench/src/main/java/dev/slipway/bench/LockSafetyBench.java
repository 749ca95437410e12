package dev.slipway.bench;

import dev.slipway.testing.Pause;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.MigrationSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code slipway bench lock-safety}: how long client queries stall while a migration's {@code ALTER TABLE}
 * waits behind a long transaction.
 *
 * <p>For each tool, in a fresh database: V1 creates {@value #TABLE} (not measured), rows are loaded, clients
 * start a steady load and warm up for {@link #WARM_UP}; then a blocking transaction takes ACCESS SHARE on the
 * table for the hold time (released by a timer) and, right after, the tool applies V2, an
 * {@code ALTER TABLE ... ADD COLUMN}. While the ALTER waits for its ACCESS EXCLUSIVE lock every client query
 * queues behind it: plain Flyway (no timeouts) waits out the blocker, Slipway gives up after
 * {@code lock_timeout} and retries. Every client query that ran between the migration's start and its end
 * counts.
 */
public final class LockSafetyBench {

    /** The table the clients load and the migration alters. */
    static final String TABLE = "bench_items";
    /** How long the clients run before the blocker starts: their baseline latencies. */
    static final Duration WARM_UP = Duration.ofSeconds(1);

    private static final String V1 = "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, qty int NOT NULL, "
            + "name text NOT NULL) WITH (autovacuum_enabled = false);\n";
    private static final String V2 = "ALTER TABLE " + TABLE + " ADD COLUMN flagged boolean;\n";

    /**
     * @param rows     rows in the table
     * @param clients  client threads, each on its own connection
     * @param hold     how long the blocking transaction holds its lock
     * @param settings Slipway's settings (lock timeout, retry policy)
     */
    public record Options(int rows, int clients, Duration hold, MigrationSettings settings) {
        public Options {
            if (rows < 1 || clients < 1 || hold.isNegative() || hold.isZero()) {
                throw new SlipwayException(ErrorCode.USAGE, String.format(Locale.ROOT, "lock-safety needs at least "
                        + "1 row, 1 client and a hold time above zero; got %d rows, %d clients, hold %d ms",
                        rows, clients, hold.toMillis()));
            }
        }
    }

    private final BenchServer server;
    private final Options options;
    private final Consumer<String> progress;

    public LockSafetyBench(BenchServer server, Options options, Consumer<String> progress) {
        this.server = server;
        this.options = options;
        this.progress = progress;
    }

    /** Runs plain Flyway, then Slipway, and reports both against the targets. */
    public LockSafetyReport call() {
        Machine machine = Machine.describe(server);
        LockSafetyReport.Phase flyway = phase(Tool.FLYWAY);
        LockSafetyReport.Phase slipway = phase(Tool.SLIPWAY);
        return LockSafetyReport.of(machine, options, flyway, slipway);
    }

    private LockSafetyReport.Phase phase(Tool tool) {
        progress.accept("lock-safety: " + tool.label() + " phase");
        try (ScratchDatabase db = server.createDatabase(tool.name().toLowerCase(Locale.ROOT));
             MigrationDir dir = MigrationDir.create()) {
            prepare(tool, db, dir);
            return measure(tool, db, dir);
        }
    }

    private void prepare(Tool tool, ScratchDatabase db, MigrationDir dir) {
        dir.write("V1__create_" + TABLE + ".sql", V1);
        ToolRun baseline = tool.migrate(db.spec(), dir.path(), options.settings());
        if (!baseline.succeeded()) {
            throw new SlipwayException(ErrorCode.MIGRATION_FAILED, "lock-safety set-up: " + tool.label()
                    + " could not apply V1 in database " + db.name() + ": " + baseline.error());
        }
        db.execute("INSERT INTO " + TABLE + " SELECT g, 0, 'item ' || g FROM generate_series(1, ?) g", options.rows());
        db.execute("VACUUM ANALYZE " + TABLE);
        dir.write("V2__add_" + TABLE + "_flagged.sql", V2);
    }

    private LockSafetyReport.Phase measure(Tool tool, ScratchDatabase db, MigrationDir dir) {
        try (ClientLoad load = ClientLoad.start(db.spec(), options.clients(), options.rows())) {
            long warmUpStart = System.nanoTime();
            Pause.of(WARM_UP);
            try (Blocker blocker = Blocker.hold(db.spec(), options.hold())) {
                long start = System.nanoTime();
                ToolRun run = tool.migrate(db.spec(), dir.path(), options.settings());
                long end = System.nanoTime();
                load.stop();
                progress.accept(String.format(Locale.ROOT, "lock-safety: %s %s in %d ms", tool.label(),
                        run.succeeded() ? "succeeded" : "failed", run.wallMs()));
                return phaseOf(run, load, blocker, warmUpStart, start, end);
            }
        }
    }

    private LockSafetyReport.Phase phaseOf(ToolRun run, ClientLoad load, Blocker blocker, long warmUpStart,
                                           long start, long end) {
        long holdLeft = blocker.heldAt() + options.hold().toNanos() - start;
        long released = blocker.releasedAt();
        Long afterRelease = released == 0 ? null : (end - released) / 1_000_000;
        return new LockSafetyReport.Phase(run.tool().label(), run.succeeded(), run.wallMs(), run.retries(), run.error(),
                holdLeft / 1_000_000, afterRelease, load.stats(warmUpStart, blocker.heldAt()), load.stats(start, end),
                load.errors());
    }
}
