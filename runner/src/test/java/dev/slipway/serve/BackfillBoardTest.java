package dev.slipway.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.BackfillListener;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackfillBoardTest {

    private static BackfillStatus status(String migration, String state, long rows, long batches, Map<String, Double> paused) {
        return new BackfillStatus(migration, "accounts", state, "paused".equals(state) ? "replica lag 6.0 s" : null, rows,
                1000, batches, 100, List.of(String.valueOf(rows)), paused, 0.5, 40, 2500, Instant.EPOCH,
                Instant.ofEpochSecond(batches));
    }

    @Test
    void keepsTheNewestStatusOfEachBackfillAndCountsRowsBatchesAndPausesOnce() {
        ServeMetrics metrics = new ServeMetrics();
        BackfillBoard board = new BackfillBoard(metrics);
        BackfillListener pr1 = board.listener("preview-pr-1");
        BackfillListener pr2 = board.listener("preview-pr-2");

        pr1.progressed(status("V2__a.sql", "running", 0, 0, Map.of()));
        pr1.progressed(status("V2__a.sql", "running", 100, 1, Map.of()));
        pr1.progressed(status("V2__a.sql", "paused", 100, 1, Map.of("lag", 1.5)));
        pr1.progressed(status("V2__a.sql", "finished", 250, 3, Map.of("lag", 4.0)));
        pr2.progressed(status("V2__a.sql", "paused", 50, 1, Map.of("lag", 2.0)));

        assertThat(board.all()).extracting(BackfillBoard.Entry::preview, e -> e.status().state(), e -> e.status().rowsDone())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("preview-pr-2", "paused", 50L),
                        org.assertj.core.groups.Tuple.tuple("preview-pr-1", "finished", 250L));
        String scrape = metrics.scrape();
        assertThat(scrape).contains("slipway_backfill_rows_total{migration=\"V2__a.sql\"} 250.0");
        assertThat(scrape).as("4 s on PR 1; PR 2's first status (a resumed run's) counts nothing done before it")
                .contains("slipway_backfill_paused_seconds_total{reason=\"lag\"} 4.0");
        assertThat(scrape).as("a batch time for each status after new batches")
                .contains("slipway_backfill_batch_seconds_count{migration=\"V2__a.sql\"} 2");
    }
}
