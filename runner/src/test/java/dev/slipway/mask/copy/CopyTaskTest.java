package dev.slipway.mask.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.mask.catalog.TableName;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import dev.slipway.mask.rules.MaskRules;
import dev.slipway.mask.transform.Transformer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyTaskTest {

    private static final Transformer MASK = (v, r) -> "x";

    private static TablePlan table(String name, long pages, boolean masks) {
        return new TablePlan(new TableName("public", name), new TableName("public", name), MaskRules.Mode.COLUMNS,
                List.of("id", "email"), new Transformer[] {null, masks ? MASK : null}, pages * CopyTask.PAGE_BYTES,
                pages * 50, true);
    }

    private static List<CopyTask> split(int jobs, boolean tidRangeScan, TablePlan... tables) {
        return CopyTask.split(List.of(tables), new CopyTask.Setup(jobs, tidRangeScan, false));
    }

    @Test
    void largeTablesAreSplitIntoPageRangesThatCoverEveryPageOnce() {
        List<CopyTask> tasks = split(2, true, table("big", 20_000, true));

        assertThat(tasks).hasSize(2 * CopyTask.PARTS_PER_JOB);
        assertThat(tasks.get(0).fromPage()).isZero();
        assertThat(tasks.get(tasks.size() - 1).toPage()).as("the last part runs to the end").isEqualTo(-1);
        for (int i = 1; i < tasks.size(); i++) {
            assertThat(tasks.get(i).fromPage()).isEqualTo(tasks.get(i - 1).toPage());
        }
        assertThat(tasks.get(0).copyOut()).isEqualTo("COPY (SELECT \"id\", \"email\" FROM ONLY \"public\".\"big\" "
                + "WHERE ctid < '(2500,0)'::tid) TO STDOUT");
        assertThat(tasks.get(1).copyOut()).endsWith("WHERE ctid >= '(2500,0)'::tid AND ctid < '(5000,0)'::tid) TO STDOUT");
        assertThat(tasks.get(7).copyOut()).endsWith("WHERE ctid >= '(17500,0)'::tid) TO STDOUT");
        assertThat(tasks.get(1).copyIn()).isEqualTo("COPY \"public\".\"big\" (\"id\", \"email\") FROM STDIN");
        assertThat(tasks.get(1).range()).isEqualTo(" (pages 2500 to 4999)");
    }

    @Test
    void smallTablesOneJobAndServersWithoutRangeScansSplitLess() {
        assertThat(split(4, true, table("small", 2 * CopyTask.MIN_PART_PAGES - 1, true))).singleElement()
                .satisfies(t -> {
                    assertThat(t.copyOut()).isEqualTo("COPY \"public\".\"small\" (\"id\", \"email\") TO STDOUT");
                    assertThat(t.range()).isEmpty();
                });
        assertThat(split(1, true, table("big", 20_000, true))).hasSize(1);
        assertThat(split(3, false, table("big", 20_000, true))).as("PostgreSQL 13 scans the table per part").hasSize(3);
        assertThat(split(4, true, table("mid", 3 * CopyTask.MIN_PART_PAGES, true))).hasSize(3);
    }

    @Test
    void tablesThatMaskComeFirstThenTheLargest() {
        List<CopyTask> tasks = split(2, true, table("kept_big", 1_500, false), table("masked", 10, true),
                table("kept_small", 5, false));

        assertThat(tasks).extracting(t -> t.table().table().name()).containsExactly("masked", "kept_big", "kept_small");
    }

    @Test
    void tablesThatMaskNothingGoInTheBinaryFormatWhenBothServersShareIt() {
        List<CopyTask> tasks = CopyTask.split(List.of(table("kept", 5, false), table("masked", 5, true)),
                new CopyTask.Setup(2, true, true));

        assertThat(tasks).filteredOn(CopyTask::binary).singleElement().satisfies(t -> {
            assertThat(t.table().table().name()).isEqualTo("kept");
            assertThat(t.copyOut()).endsWith(" TO STDOUT (FORMAT binary)");
            assertThat(t.copyIn()).endsWith(" FROM STDIN (FORMAT binary)");
        });
    }

    @Test
    void everyBinaryMessageButTheTrailerIsARow() {
        byte[] header = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] trailer = {(byte) 0xff, (byte) 0xff};
        byte[] row = {0, 1, 0, 0, 0, 2, (byte) 0xff, (byte) 0xff};

        assertThat(TableCopy.binaryRow(row)).isTrue();
        assertThat(TableCopy.binaryRow(concat(header, row))).isTrue();
        assertThat(TableCopy.binaryRow(trailer)).isFalse();
        assertThat(TableCopy.binaryRow(concat(header, trailer))).as("no rows at all").isFalse();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
