package dev.slipway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.BackfillStatus;
import dev.slipway.serve.BackfillBoard;
import dev.slipway.serve.Leadership;
import dev.slipway.testing.PageDom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status page's backfill section, parsed as a browser's DOM would hold it. */
class StatusPageTest {

    private static final Leadership LEADER = new Leadership() {
        @Override
        public boolean isLeader() {
            return true;
        }

        @Override
        public long term() {
            return 1;
        }

        @Override
        public boolean holds(long term) {
            return true;
        }

        @Override
        public String identity() {
            return "serve-0";
        }

        @Override
        public void check() {
        }

        @Override
        public void close() {
        }
    };

    private static BackfillStatus status(String migration, String state, String reason, long done,
                                         Map<String, Double> paused) {
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        return new BackfillStatus(migration, "public.accounts", state, reason, done, 400_000, 12, 5000,
                List.of(String.valueOf(done)), paused, 6.2, 190, 25_310.4, at, at.plusSeconds(30));
    }

    @Test
    void listsEachBackfillWithItsStateWhyItIsPausedAndItsPauses() {
        List<BackfillBoard.Entry> backfills = List.of(
                new BackfillBoard.Entry("slipway_pr_7", status("V2__touch.sql", "paused",
                        "replica lag 6.2 s on replica-1 (max-lag 5s)", 180_000, Map.of("lag", 7.5, "duty", 0.01))),
                new BackfillBoard.Entry("slipway_pr_<8>", status("V3__<b>.sql", "finished", null, 400_000,
                        Map.of())));

        String html = new StatusPage("acme/shop").render(List.of(), backfills, List.of(), List.of(), LEADER);

        List<PageDom.Row> rows = PageDom.parse(html).rows("backfills");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).cell("Preview")).isEqualTo("slipway_pr_7");
        assertThat(rows.get(0).cell("State")).contains("paused", "replica lag 6.2 s on replica-1 (max-lag 5s)");
        assertThat(rows.get(0).cell("Rows")).isEqualTo("180,000 of ~400,000");
        assertThat(rows.get(0).cell("Rate")).isEqualTo("25,310 rows/s");
        assertThat(rows.get(0).cell("Paused")).as("a pause too short to show is left out").isEqualTo("7.5 s for lag");
        assertThat(rows.get(1).cell("Migration")).isEqualTo("V3__<b>.sql");
        assertThat(rows.get(1).cell("Rows")).isEqualTo("400,000");
        assertThat(html).contains("slipway_pr_&lt;8&gt;").doesNotContain("<b>");
    }

    @Test
    void hasNoBackfillSectionWhenNoBuildRanOne() {
        String html = new StatusPage("acme/shop").render(List.of(), List.of(), List.of(), List.of(), LEADER);

        assertThat(html).doesNotContain("Backfills");
    }
}
