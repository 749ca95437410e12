package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.MigrationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code slipway bench overhead}: the same many small migrations (each creates a small table or adds a
 * column to the one before) applied to an empty database by plain Flyway and by Slipway, each run on a
 * fresh database. One untimed warm-up of each, then timed rounds that alternate which tool goes first;
 * the figure is the ratio of the medians, Slipway / Flyway. Database creation is not timed.
 */
public final class OverheadBench {

    /**
     * @param migrations migrations per run
     * @param rounds     timed rounds; each runs both tools once
     * @param settings   Slipway's settings
     */
    public record Options(int migrations, int rounds, MigrationSettings settings) {
        public Options {
            if (migrations < 1 || rounds < 1) {
                throw new SlipwayException(ErrorCode.USAGE, String.format(Locale.ROOT, "overhead needs at least 1 "
                        + "migration and 1 round; got %d migrations, %d rounds", migrations, rounds));
            }
        }
    }

    private final BenchServer server;
    private final Options options;
    private final Consumer<String> progress;

    public OverheadBench(BenchServer server, Options options, Consumer<String> progress) {
        this.server = server;
        this.options = options;
        this.progress = progress;
    }

    /** Runs the warm-ups and the rounds and reports the times. */
    public OverheadReport call() {
        Machine machine = Machine.describe(server);
        try (MigrationDir dir = MigrationDir.create()) {
            writeMigrations(dir, options.migrations());
            run(Tool.SLIPWAY, dir, "warm-up");
            run(Tool.FLYWAY, dir, "warm-up");
            List<OverheadReport.Round> rounds = new ArrayList<>();
            for (int r = 1; r <= options.rounds(); r++) {
                rounds.add(round(r, dir));
            }
            return OverheadReport.of(machine, options, rounds);
        }
    }

    /** Odd rounds run plain Flyway first, even rounds Slipway. */
    private OverheadReport.Round round(int n, MigrationDir dir) {
        String label = "round " + n;
        boolean flywayFirst = n % 2 == 1;
        long flyway = flywayFirst ? run(Tool.FLYWAY, dir, label) : 0;
        long slipway = run(Tool.SLIPWAY, dir, label);
        if (!flywayFirst) {
            flyway = run(Tool.FLYWAY, dir, label);
        }
        return new OverheadReport.Round(n, (flywayFirst ? Tool.FLYWAY : Tool.SLIPWAY).label(), slipway, flyway);
    }

    private long run(Tool tool, MigrationDir dir, String label) {
        try (ScratchDatabase db = server.createDatabase("overhead")) {
            ToolRun run = tool.migrate(db.spec(), dir.path(), options.settings());
            if (!run.succeeded() || run.applied() != options.migrations()) {
                throw new SlipwayException(ErrorCode.MIGRATION_FAILED, String.format(Locale.ROOT,
                        "overhead %s: %s applied %d of %d migrations in database %s: %s", label, tool.label(),
                        run.applied(), options.migrations(), db.name(), run.error()));
            }
            progress.accept(String.format(Locale.ROOT, "overhead %s: %s %d ms", label, tool.label(), run.wallMs()));
            return run.wallMs();
        }
    }

    /** Odd versions create a small table, even versions add a column to the table created just before. */
    static void writeMigrations(MigrationDir dir, int count) {
        for (int v = 1; v <= count; v++) {
            String sql = v % 2 == 1
                    ? "CREATE TABLE bench_t" + v + " (id bigint PRIMARY KEY, name text NOT NULL);\n"
                    : "ALTER TABLE bench_t" + (v - 1) + " ADD COLUMN note text;\n";
            dir.write(String.format(Locale.ROOT, "V%d__%s_%d.sql", v, v % 2 == 1 ? "create_table" : "add_column", v), sql);
        }
    }
}
