package dev.slipway.bench;

import dev.slipway.testing.ReflinkVolume;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.MigrationSettings;
import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.db.EmbeddedServer;
import dev.slipway.env.LocalProvider;
import dev.slipway.env.NameClaims;
import dev.slipway.env.PreviewTarget;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code slipway bench clone}: on PostgreSQL 18 whose data directory is on a reflink file system, for goldens of
 * several sizes, the raw {@code CREATE DATABASE … TEMPLATE} time of WAL_LOG, FILE_COPY with
 * {@code file_copy_method = copy} and FILE_COPY with {@code clone}; push-to-ready with the local provider's own choice
 * (its create, Slipway's migrate of four catalog-only migrations on the clone, the ready mark); the space a clone
 * takes; and {@code pg_dump | pg_restore} of a 1 GB golden on PostgreSQL 15 (the machine's client tools are 15,
 * which cannot dump an 18 server).
 */
public final class CloneBench {

    /**
     * @param sizesGb     golden sizes in GB
     * @param dir         a folder on a reflink file system for PostgreSQL 18's data; {@code null} to loop-mount one
     * @param pg18        the zonky PostgreSQL 18 binaries jar
     * @param home        the repository (for {@code migrations/})
     * @param rounds      timed rounds of the clone and of push-to-ready (the median is reported)
     * @param dumpGb      the golden size of the {@code pg_dump | pg_restore} comparison; 0 for none
     */
    public record Options(List<Double> sizesGb, Path dir, Path pg18, Path home, int rounds, double dumpGb) {
    }

    private static final String[][] CHANGES = {
        {"V5__add_customers_nickname.sql", "ALTER TABLE customers ADD COLUMN nickname text;\n"},
        {"V6__create_coupons.sql", "CREATE TABLE coupons (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "code text NOT NULL UNIQUE, percent_off integer NOT NULL CHECK (percent_off BETWEEN 1 AND 100));\n"},
        {"V7__add_orders_coupon_id.sql", "ALTER TABLE orders ADD COLUMN coupon_id bigint;\n"},
        {"V8__orders_coupon_fk.sql", "ALTER TABLE orders ADD CONSTRAINT orders_coupon_id_fkey FOREIGN KEY (coupon_id) "
                + "REFERENCES coupons (id) NOT VALID;\n"},
    };

    private final Options options;
    private final Consumer<String> progress;

    public CloneBench(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public CloneBenchReport call() {
        long largest = (long) (options.sizesGb().stream().mapToDouble(d -> d).max().orElse(1) * 1e9);
        Path work = tempDir();
        ReflinkVolume volume = options.dir() == null ? ReflinkVolume.create(work, Math.max(2L << 30, largest * 7 / 2
                + (2L << 30))) : null;
        try {
            Path root = volume != null ? volume.root() : options.dir();
            CloneBenchReport.Run run = onPostgres18(root.resolve("pg18-" + UUID.randomUUID().toString().substring(0, 8)));
            PushToReadyPhase.DumpRestore dump = options.dumpGb() > 0 ? dumpRestore() : null;
            return new CloneBenchReport(run.machine(), volume != null ? "XFS (reflink=1) loop-mounted at " + root
                    : root.toString(), options, run.sizes(), dump);
        } finally {
            if (volume != null) {
                volume.close();
            }
            work.toFile().delete();
        }
    }

    private CloneBenchReport.Run onPostgres18(Path data) {
        try (EmbeddedServer pg = EmbeddedServer.start(data, Map.of("file_copy_method", "clone"), options.pg18());
             BenchServer server = BenchServer.existing(pg.spec("postgres"))) {
            Machine machine = Machine.describe(server);
            if (pg.majorVersion() < 18) {
                throw new SlipwayException(ErrorCode.USAGE, "bench clone needs PostgreSQL 18 binaries (file_copy_method);"
                        + " " + options.pg18() + " holds " + server.version() + "; pass --pg18-binaries");
            }
            ThinGolden goldens = new ThinGolden(server, options.home().resolve("migrations"), progress);
            List<CloneBenchReport.Size> sizes = new ArrayList<>();
            for (double gb : options.sizesGb()) {
                progress.accept(String.format(java.util.Locale.ROOT, "golden of %.2f GB", gb));
                try (ScratchDatabase golden = goldens.make((long) (gb * 1e9))) {
                    sizes.add(measure(server, golden, data, gb));
                }
            }
            return new CloneBenchReport.Run(machine, sizes);
        }
    }

    private CloneBenchReport.Size measure(BenchServer server, ScratchDatabase golden, Path data, double gb) {
        RawClones raw = new RawClones(server, golden.name());
        long walLog = raw.time("WAL_LOG", "copy");
        progress.accept("  WAL_LOG " + walLog + " ms");
        long fileCopy = raw.time("FILE_COPY", "copy");
        progress.accept("  FILE_COPY (copy) " + fileCopy + " ms");
        List<Long> clones = new ArrayList<>();
        for (int i = 0; i < options.rounds(); i++) {
            clones.add(raw.time("FILE_COPY", "clone"));
        }
        progress.accept("  FILE_COPY (clone) " + clones + " ms");
        long perClone = raw.spacePerClone(data, 3);
        List<Long> ready = new ArrayList<>();
        String strategy = null;
        for (int i = 0; i < options.rounds(); i++) {
            PushToReady r = pushToReady(server, golden.name(), i);
            ready.add(r.millis());
            strategy = r.strategy();
        }
        progress.accept("  push-to-ready (" + strategy + ") " + ready + " ms");
        return new CloneBenchReport.Size(gb, ThinGolden.size(golden), walLog, fileCopy, median(clones),
                perClone, strategy, median(ready));
    }

    private record PushToReady(long millis, String strategy) {
    }

    /** The local provider's create, Slipway's migrate of {@link #CHANGES} on the clone, the ready mark; then drop. */
    private PushToReady pushToReady(BenchServer server, String golden, int round) {
        Path dir = migrations();
        LocalProvider provider = new LocalProvider(server.admin(), golden, new Claims(), ClonePreference.AUTO);
        PreviewKey key = new PreviewKey("bench/clone", String.valueOf(round + 1));
        String name = "preview_bench_clone_pr_" + (round + 1);
        long start = System.nanoTime();
        PreviewTarget target = provider.create(name, key, "0".repeat(40));
        MigrationReport report = new MigrateStep(new MigrateRequest(target.connection(), EngineKind.FLYWAY, dir,
                MigrationSettings.DEFAULT, false, null, null), RunProgress.NONE).call();
        provider.mark(target, PreviewState.READY);
        long millis = (System.nanoTime() - start) / 1_000_000;
        provider.drop(new ActualPreview(name, key, target.headSha(), PreviewState.READY, Instant.now()));
        deleteTree(dir);
        if (!report.succeeded()) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: the migrations failed on the clone: " + report.error());
        }
        return new PushToReady(millis, target.cloned().strategy());
    }

    /** The repository's migrations and {@link #CHANGES} in a temporary folder. */
    private Path migrations() {
        try {
            Path dir = Files.createTempDirectory("slipway-bench-clone-");
            try (var files = Files.list(options.home().resolve("migrations/flyway"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            for (String[] c : CHANGES) {
                Files.writeString(dir.resolve(c[0]), c[1]);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark's migrations", e);
        }
    }

    /** {@code pg_dump | pg_restore} of a golden of {@code dumpGb} on an embedded PostgreSQL 15 (the classpath's). */
    private PushToReadyPhase.DumpRestore dumpRestore() {
        progress.accept(String.format(java.util.Locale.ROOT, "pg_dump | pg_restore of %.2f GB on the classpath's "
                + "PostgreSQL (the machine's client tools cannot dump a newer server)", options.dumpGb()));
        try (BenchServer server = BenchServer.embedded();
             ScratchDatabase golden = new ThinGolden(server, options.home().resolve("migrations"), progress)
                     .make((long) (options.dumpGb() * 1e9))) {
            PushToReadyPhase.DumpRestore d = PgTools.dumpRestore(server, golden);
            progress.accept("  " + d.millis() + " ms (" + server.version() + ")");
            return new PushToReadyPhase.DumpRestore(d.millis(), d.note() + " on " + server.version());
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            progress.accept("  (" + dir + " left behind: " + e.getMessage() + ")");
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("slipway-bench-clone-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /** Claims in memory: the benchmark has no state database. */
    private static final class Claims implements NameClaims {
        private final Map<String, PreviewKey> claims = new ConcurrentHashMap<>();

        @Override
        public void claim(String name, PreviewKey key) {
            claims.put(name, key);
        }

        @Override
        public void release(String name) {
            claims.remove(name);
        }

        @Override
        public Map<String, PreviewKey> claims() {
            return Map.copyOf(claims);
        }
    }
}
