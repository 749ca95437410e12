package dev.slipway.bench;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Goldens of a given size for {@code bench clone}: the demo's customers masked by {@code slipway mask} (so the
 * golden carries the mark previews are cloned under), grown with generated order events (no personal data) until
 * {@code pg_database_size} reaches the target. Much faster than masking a source of that size, which is not what
 * this benchmark measures.
 */
final class ThinGolden {

    private static final long BATCH_ROWS = 1_000_000;
    /** An order event on disk with its primary key entry, about. */
    private static final long ROW_BYTES = 260;

    private final BenchServer server;
    private final BenchGolden masked;
    private final Consumer<String> progress;

    ThinGolden(BenchServer server, java.nio.file.Path migrations, Consumer<String> progress) {
        this.server = server;
        this.masked = new BenchGolden(server, migrations, progress);
        this.progress = progress;
    }

    /** A golden of at least {@code bytes}, checkpointed; the caller drops it. */
    ScratchDatabase make(long bytes) {
        ScratchDatabase golden = server.createDatabase("golden");
        masked.demo(golden);
        golden.execute("CREATE TABLE order_events (id bigint PRIMARY KEY, order_id bigint NOT NULL, note text NOT NULL)");
        long rows = 0;
        for (long now = size(golden); now < bytes; now = size(golden)) {
            long batch = Math.max(10_000, Math.min(BATCH_ROWS, (bytes - now) / ROW_BYTES + 1));
            golden.execute("INSERT INTO order_events SELECT g, g % 100000, repeat(md5(g::text), 6) "
                    + "FROM generate_series(?::bigint, ?::bigint) g", rows + 1, rows + batch);
            rows += batch;
        }
        golden.execute("VACUUM ANALYZE");
        golden.execute("CHECKPOINT");
        progress.accept(String.format(Locale.ROOT, "  golden %s: %,d order events, %.2f GB", golden.name(), rows,
                size(golden) / 1e9));
        return golden;
    }

    static long size(ScratchDatabase db) {
        return db.number("SELECT pg_database_size(current_database())");
    }
}
