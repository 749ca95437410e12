package dev.slipway.mask.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void splitsDecodesAndReEncodesEscapedFields() {
        byte[] row = "1\tline\\none\\ttab \\\\ back\t\\N\tnaïve \\x41\\101\n".getBytes(StandardCharsets.UTF_8);
        int[] bounds = new int[10];

        assertThat(CopyText.split(row, row.length, bounds)).isEqualTo(4);
        assertThat(CopyText.decode(row, bounds[0], bounds[1])).isEqualTo("1");
        String second = CopyText.decode(row, bounds[2], bounds[3]);
        assertThat(second).isEqualTo("line\none\ttab \\ back");
        assertThat(CopyText.decode(row, bounds[4], bounds[5])).isNull();
        assertThat(CopyText.decode(row, bounds[6], bounds[7])).isEqualTo("naïve AA");

        CopyText.RowBuffer out = new CopyText.RowBuffer(4);
        CopyText.encode(second, out);
        CopyText.encode(null, out);
        assertThat(new String(out.data(), 0, out.size(), StandardCharsets.UTF_8)).isEqualTo("line\\none\\ttab \\\\ back\\N");
    }

    @Test
    void aRowWithMoreFieldsThanExpectedIsRejected() {
        byte[] row = "a\tb\tc\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CopyText.split(row, row.length, new int[4])).isEqualTo(-1);
    }
}
