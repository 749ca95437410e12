package dev.slipway.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.SlipwayException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackfillScriptTest {

    private static BackfillScript read(String sql) {
        return BackfillScript.read("V3__touch.sql", sql, BackfillSettings.DEFAULT);
    }

    @Test
    void onlyAFirstLineMarkerDeclaresABackfill() {
        assertThat(BackfillScript.declares("-- slipway:backfill\nUPDATE t SET a = 1;")).isTrue();
        assertThat(BackfillScript.declares("\n\n  --   slipway:backfill batch-time=1s\nUPDATE t SET a = 1;")).isTrue();
        assertThat(BackfillScript.declares("\uFEFF-- slipway:backfill\nUPDATE t SET a = 1;")).isTrue();
        assertThat(BackfillScript.declares("UPDATE t SET a = 1;\n-- slipway:backfill")).isFalse();
        assertThat(BackfillScript.declares("-- a comment\n-- slipway:backfill\nUPDATE t SET a = 1;")).isFalse();
        assertThat(BackfillScript.declares("-- slipway:backfilling\nUPDATE t SET a = 1;")).isFalse();
    }

    @Test
    void readsTheUpdateInPieces() {
        BackfillScript s = read("-- slipway:backfill batch-time=50ms max-lag=2s duty=50%\n"
                + "UPDATE ONLY public.\"Accounts\" AS a\n  SET touched = touched + 1, note = 'x;y' -- why\n"
                + "  WHERE a.kind IN (SELECT kind FROM kinds WHERE k > (1));\n");

        assertThat(s.problems()).isEmpty();
        BackfillScript.Update u = s.update();
        assertThat(u.table().display()).isEqualTo("public.Accounts");
        assertThat(u.name()).isEqualTo("public.\"Accounts\"");
        assertThat(u.only()).isTrue();
        assertThat(u.reference()).isEqualTo("a");
        assertThat(u.target()).isEqualTo("public.\"Accounts\" AS a");
        assertThat(u.set()).as("a comment after the last token would swallow what Slipway appends")
                .isEqualTo("touched = touched + 1, note = 'x;y'");
        assertThat(u.where()).isEqualTo("a.kind IN (SELECT kind FROM kinds WHERE k > (1))");
        assertThat(u.line()).isEqualTo(2);
        assertThat(s.settings().batchTime()).isEqualTo(Duration.ofMillis(50));
        assertThat(s.settings().maxLag()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.settings().duty()).isEqualTo(0.5);
    }

    @Test
    void withoutAliasTheTableNameQualifiesTheKey() {
        BackfillScript.Update u = read("-- slipway:backfill\nUPDATE accounts SET n = n + 1").update();

        assertThat(u.reference()).isEqualTo("accounts");
        assertThat(u.where()).isNull();
        assertThat(u.only()).isFalse();
    }

    @Test
    void refusesWhatCannotBeBatchedSayingWhy() {
        assertThat(read("-- slipway:backfill\nUPDATE a SET n = 1;\nUPDATE b SET n = 1;").problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("exactly one UPDATE", "2 statements"));
        assertThat(read("-- slipway:backfill\nDELETE FROM a WHERE old").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("a DELETE"));
        assertThat(read("-- slipway:backfill\nWITH x AS (SELECT 1) UPDATE a SET n = 1").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("WITH query"));
        assertThat(read("-- slipway:backfill\nUPDATE a SET n = b.n\nFROM b WHERE b.id = a.id").problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(3);
                    assertThat(p.message()).contains("UPDATE … FROM", "subquery in SET");
                });
        assertThat(read("-- slipway:backfill\nUPDATE a SET n = 1 RETURNING id").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("RETURNING"));
        assertThat(read("-- slipway:backfill\nUPDATE a SET n = 1 WHERE CURRENT OF c").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("CURRENT OF"));
        assertThat(read("-- slipway:backfill\nUPDATE a SET n = (SELECT max(n) FROM a)").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("reads a, the table the backfill updates"));
        assertThat(read("-- slipway:backfill\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no statement"));
    }

    @Test
    void aCorrelatedSubqueryOnAnotherTableIsFine() {
        assertThat(read("-- slipway:backfill\nUPDATE orders o SET total = (SELECT sum(p) FROM lines l WHERE l.o = o.id)")
                .problems()).isEmpty();
    }

    @Test
    void requireNamesTheFileAndEveryProblem() {
        assertThatThrownBy(() -> BackfillScript.require("V3__touch.sql", "-- slipway:backfill\nUPDATE a SET n = b.n "
                + "FROM b RETURNING id", BackfillSettings.DEFAULT))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("V3__touch.sql declares a backfill")
                .hasMessageContaining("UPDATE … FROM").hasMessageContaining("RETURNING")
                .hasMessageContaining("take the slipway:backfill line out");
    }

    @Test
    void badSettingsAreAllNamed() {
        assertThatThrownBy(() -> read("-- slipway:backfill batch-time=fast max-lag=5s max-lag=6s colour=red duty=2 x\n"
                + "UPDATE a SET n = 1"))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("V3__touch.sql: the slipway:backfill line has 5 bad settings")
                .hasMessageContaining("batch-time: 'fast' is not a duration")
                .hasMessageContaining("'max-lag' is given twice")
                .hasMessageContaining("'colour' is not a backfill setting (known: batch-time, max-lag")
                .hasMessageContaining("duty must be above 0 and at most 1")
                .hasMessageContaining("'x' is not a setting (write key=value)");
        assertThatThrownBy(() -> read("-- slipway:backfill min-batch=500 max-batch=100\nUPDATE a SET n = 1"))
                .hasMessageContaining("1 <= min-batch <= first-batch <= max-batch");
    }

    @Test
    void batchLimitsAloneMoveTheFirstBatchInside() {
        BackfillSettings s = read("-- slipway:backfill max-batch=100\nUPDATE a SET n = 1").settings();

        assertThat(s.firstBatch()).isEqualTo(100);
        assertThat(read("-- slipway:backfill min-batch=5000\nUPDATE a SET n = 1").settings().firstBatch()).isEqualTo(5000);
        assertThat(s.describe()).startsWith("batch-time=200ms max-lag=5s max-pause=10m duty=1 first-batch=100");
    }
}
