package dev.slipway.bench;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.MigrationSettings;
import dev.slipway.mask.MaskRequest;
import dev.slipway.mask.MaskStep;
import dev.slipway.mask.copy.MaskProgress;
import dev.slipway.mask.transform.Keyring;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Masked goldens for the serve bench, made as {@code slipway mask} makes them: a source database with the
 * repository's own schema ({@code migrations/flyway}, applied by {@link MigrateStep}) and its customers and
 * orders, copied through {@link MaskStep} with {@code migrations/masking.yaml} into the golden, which then
 * carries the golden mark previews are cloned under.
 */
final class BenchGolden {

    /** A golden made: its size on disk ({@code pg_database_size}), rows, and how long the masked copy took. */
    record Made(long bytes, long customers, long orders, long maskMillis) {
    }

    private static final int FIRST_BATCH = 2_000;
    private static final int MAX_BATCH = 200_000;
    /** How much larger the source is than the golden masked from it, measured: 100.0 MB against 94.1 MB. */
    private static final double SOURCE_OVER_GOLDEN = 1.07;

    private static final String CUSTOMERS = """
            INSERT INTO customers (email, full_name, created_at, status)
            SELECT 'customer' || i || '@mail.test',
                   (ARRAY['Olivia', 'Liam', 'Sofia', 'Noah', 'Emma', 'Mateus', 'Chloe', 'Arash', 'Hannah', 'Diego'])[1 + i % 10]
                   || ' ' || (ARRAY['Martin', 'Keller', 'Okafor', 'Rossi', 'Nguyen', 'Schmidt', 'Dubois'])[1 + (i / 10) % 7],
                   timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute',
                   CASE WHEN i % 9 = 0 THEN 'closed' ELSE 'active' END
            FROM generate_series(?::bigint, ?::bigint) AS i""";

    /** About three orders per customer, for the customers that have none yet. */
    private static final String ORDERS = """
            INSERT INTO orders (customer_id, total, placed_at)
            SELECT c.id, round((9.99 + (n * 37 + c.id * 11) % 240)::numeric, 2), c.created_at + n * interval '6 days 2 hours'
            FROM customers c, generate_series(1, 3) AS n
            WHERE c.id > (SELECT coalesce(max(customer_id), 0) FROM orders) AND (c.id % 4 <> 0 OR n = 1)""";

    private final BenchServer server;
    private final Path migrations;
    private final Consumer<String> progress;

    /** @param migrations the repository's {@code migrations/} folder: {@code flyway/}, {@code masking.yaml}, {@code demo/} */
    BenchGolden(BenchServer server, Path migrations, Consumer<String> progress) {
        this.server = server;
        this.migrations = migrations;
        this.progress = progress;
    }

    /**
     * Fills a source a little past {@code targetBytes} on disk, so that the golden masked from it comes out about
     * that size: the golden's indexes are built in one go, the source's grew row by row (about 6 % larger).
     */
    Made sized(ScratchDatabase golden, long targetBytes) {
        try (ScratchDatabase source = server.createDatabase("goldensrc")) {
            migrate(source);
            long customers = fill(source, Math.round(targetBytes * SOURCE_OVER_GOLDEN));
            progress.accept(String.format(Locale.ROOT, "  source: %,d customers and their orders, %.1f MB; masking it "
                    + "into the golden", customers, size(source) / 1e6));
            return mask(source, golden);
        }
    }

    /** The demo's 60 customers and their orders ({@code migrations/demo/personal-data.sql}), masked into {@code golden}. */
    Made demo(ScratchDatabase golden) {
        try (ScratchDatabase source = server.createDatabase("demosrc")) {
            migrate(source);
            source.execute(read(migrations.resolve("demo/personal-data.sql")));
            return mask(source, golden);
        }
    }

    private void migrate(ScratchDatabase source) {
        MigrationReport r = new MigrateStep(new MigrateRequest(source.spec(), EngineKind.FLYWAY,
                migrations.resolve("flyway"), MigrationSettings.DEFAULT, false, null, null), RunProgress.NONE).call();
        if (!r.succeeded()) {
            throw new SlipwayException(ErrorCode.INTERNAL, "benchmark: the repository's migrations failed on the "
                    + "golden's source: " + r.error());
        }
    }

    /** Adds customers in growing batches, sized from the bytes each added so far, until the target is reached. */
    private long fill(ScratchDatabase source, long targetBytes) {
        long base = size(source);
        long customers = 0;
        for (long batch = FIRST_BATCH; ; ) {
            source.execute(CUSTOMERS, customers + 1, customers + batch);
            source.execute(ORDERS);
            customers += batch;
            long now = size(source);
            if (now >= targetBytes) {
                source.execute("VACUUM ANALYZE");
                return customers;
            }
            long perCustomer = Math.max(1, (now - base) / customers);
            batch = Math.max(FIRST_BATCH, Math.min(MAX_BATCH, (targetBytes - now) / perCustomer + 1));
        }
    }

    private Made mask(ScratchDatabase source, ScratchDatabase golden) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        long start = System.nanoTime();
        new MaskStep(new MaskRequest(source.spec(), golden.spec(), migrations.resolve("masking.yaml"), Keyring.of(secret),
                2, false), new MaskProgress() {
                    @Override
                    public void phase(String what) {
                        progress.accept("  mask: " + what);
                    }
                }).call();
        long millis = (System.nanoTime() - start) / 1_000_000;
        checkpoint(golden);
        return new Made(size(golden), golden.number("SELECT count(*) FROM customers"),
                golden.number("SELECT count(*) FROM orders"), millis);
    }

    /** Writes the golden's pages out now, so that no timing after it pays for them. Needs superuser; skipped otherwise. */
    private void checkpoint(ScratchDatabase golden) {
        try {
            golden.execute("CHECKPOINT");
        } catch (SlipwayException e) {
            progress.accept("  (no CHECKPOINT after masking: " + e.getMessage() + ")");
        }
    }

    private static long size(ScratchDatabase db) {
        return db.number("SELECT pg_database_size(current_database())");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "benchmark: cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
