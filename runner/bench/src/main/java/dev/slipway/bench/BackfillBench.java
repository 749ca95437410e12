package dev.slipway.bench;

import dev.slipway.testing.Standby;
import dev.slipway.testing.Pause;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@code slipway bench backfill}: on a server with a real streaming standby, clients run point reads and writes on a
 * table of N rows while the same change of every row ({@code touched = touched + 1}) runs, first as one plain UPDATE
 * through plain Flyway, then as Slipway's backfill; the clients alone first give the baseline. For each: its
 * seconds, the clients' p99 while it ran, and the standby's most replay lag (sampled on the standby) from its start
 * until the standby has caught up.
 */
public final class BackfillBench {

    private static final String TABLE = LockSafetyBench.TABLE;
    private static final String V1 = "CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, qty int NOT NULL DEFAULT 0, "
            + "touched int NOT NULL DEFAULT 0, name text NOT NULL);\n";
    private static final String CHANGE = "UPDATE " + TABLE + " SET touched = touched + 1;\n";

    /**
     * @param rows     rows in the table
     * @param clients  client threads
     * @param baseline how long the clients run alone
     * @param maxLag   the backfill's max-lag
     */
    public record Options(int rows, int clients, Duration baseline, Duration maxLag) {
        public Options {
            if (rows < 1 || clients < 1 || baseline.isNegative() || maxLag.isZero() || maxLag.isNegative()) {
                throw new SlipwayException(ErrorCode.USAGE, String.format(Locale.ROOT, "backfill needs at least 1 row, "
                        + "1 client and a max-lag above zero; got %d rows, %d clients, max-lag %d ms", rows, clients,
                        maxLag.toMillis()));
            }
        }
    }

    private final BenchServer server;
    private final Options options;
    private final Consumer<String> progress;

    public BackfillBench(BenchServer server, Options options, Consumer<String> progress) {
        this.server = server;
        this.options = options;
        this.progress = progress;
    }

    public BackfillBenchReport call() {
        Machine machine = Machine.describe(server);
        try (ScratchDatabase db = server.createDatabase("backfill"); MigrationDir dir = MigrationDir.create()) {
            progress.accept("backfill: " + String.format(Locale.ROOT, "%,d", options.rows()) + " rows");
            dir.write("V1__create_" + TABLE + ".sql", V1);
            require(Tool.FLYWAY.migrate(db.spec(), dir.path(), MigrationSettings.DEFAULT), "set-up");
            db.execute("INSERT INTO " + TABLE + " (id, name) SELECT i, 'name ' || i FROM generate_series(1, "
                    + options.rows() + ") i");
            db.execute("VACUUM (ANALYZE) " + TABLE);
            db.execute("CHECKPOINT");
            progress.accept("backfill: a streaming standby (pg_basebackup)");
            try (Standby standby = Standby.of(server.admin()); LagSampler lag = new LagSampler(standby.spec(db.name()))) {
                standby.awaitCaughtUp();
                try (ClientLoad load = ClientLoad.start(db.spec(), options.clients(), options.rows())) {
                    progress.accept("backfill: clients alone for " + options.baseline().toSeconds() + " s");
                    long b0 = System.nanoTime();
                    Pause.of(options.baseline());
                    long b1 = System.nanoTime();
                    LatencyStats base = load.stats(b0, b1);
                    BackfillBenchReport.Baseline baseline = new BackfillBenchReport.Baseline((b1 - b0) / 1e9,
                            base.p99Ms(), base.p50Ms(), base.maxMs(), base.queries());

                    progress.accept("backfill: one plain UPDATE (plain Flyway)");
                    dir.write("V2__touch_all.sql", CHANGE);
                    long n0 = System.nanoTime();
                    ToolRun plain = Tool.FLYWAY.migrate(db.spec(), dir.path(), MigrationSettings.DEFAULT);
                    long n1 = System.nanoTime();
                    standby.awaitCaughtUp();
                    long nCaught = System.nanoTime();
                    LatencyStats during = load.stats(n0, n1);
                    BackfillBenchReport.Run naive = new BackfillBenchReport.Run(plain.succeeded(), (n1 - n0) / 1e9,
                            during.p99Ms(), during.p50Ms(), during.maxMs(), during.queries(), lag.maxSeconds(n0, nCaught), plain.succeeded()
                            ? options.rows() : 0, plain.error());

                    progress.accept("backfill: Slipway's backfill (max-lag " + options.maxLag().toMillis() + "ms)");
                    dir.write("V3__touch_all_again.sql", "-- slipway:backfill max-lag=" + options.maxLag().toMillis()
                            + "ms\n" + CHANGE);
                    List<BackfillStatus> told = new CopyOnWriteArrayList<>();
                    long s0 = System.nanoTime();
                    MigrationReport report = new MigrateStep(new MigrateRequest(db.spec(), EngineKind.FLYWAY, dir.path(),
                            MigrationSettings.DEFAULT, false, null, null), new RunProgress() {
                                @Override
                                public void backfill(BackfillStatus status) {
                                    told.add(status);
                                }
                            }).call();
                    long s1 = System.nanoTime();
                    standby.awaitCaughtUp();
                    long sCaught = System.nanoTime();
                    LatencyStats slipwayDuring = load.stats(s0, s1);
                    BackfillStatus last = told.isEmpty() ? null : told.get(told.size() - 1);
                    BackfillBenchReport.Slipway slipway = new BackfillBenchReport.Slipway(report.succeeded(),
                            (s1 - s0) / 1e9, slipwayDuring.p99Ms(), slipwayDuring.p50Ms(), slipwayDuring.maxMs(),
                            slipwayDuring.queries(), lag.maxSeconds(s0, sCaught),
                            options.maxLag().toMillis() / 1000.0, last == null ? 0 : last.rowsDone(),
                            last == null ? 0 : last.batches(), last == null ? Map.of() : last.pausedSeconds(),
                            report.error());
                    load.stop();
                    long twice = count(db.spec(), "SELECT count(*) FROM " + TABLE + " WHERE touched = 2");
                    return BackfillBenchReport.of(machine, new BackfillBenchReport.Parameters(options.rows(),
                            options.clients(), options.baseline().toMillis(), standby.applicationName()), baseline, naive,
                            slipway, load.errors(), twice);
                }
            }
        }
    }

    private static void require(ToolRun run, String what) {
        if (!run.succeeded()) {
            throw new SlipwayException(ErrorCode.MIGRATION_FAILED, "backfill " + what + ": " + run.error());
        }
    }

    private static long count(ConnectionSpec db, String sql) {
        try (Connection c = db.open("slipway-bench", null); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: " + e.getMessage(), e);
        }
    }
}
