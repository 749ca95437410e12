package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteWriteTest {

    @Test
    void encodesAWriteRequestWithSortedLabels() {
        byte[] body = RemoteWrite.writeRequest(List.of(new RemoteWrite.Series(Map.of("job", "a", "__name__", "up"), 1.0, 5)));

        byte[] expected = {
            0x0a, 0x27,                                     // timeseries, 39 bytes
            0x0a, 0x0e, 0x0a, 0x08, '_', '_', 'n', 'a', 'm', 'e', '_', '_', 0x12, 0x02, 'u', 'p',   // __name__=up first
            0x0a, 0x08, 0x0a, 0x03, 'j', 'o', 'b', 0x12, 0x01, 'a',
            0x12, 0x0b, 0x09, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f, 0x10, 0x05};  // sample: 1.0, ts 5
        assertThat(body).containsExactly(expected);
    }

    @Test
    void snappyFramesShortAndLongLiterals() {
        byte[] small = RemoteWrite.snappy(new byte[] {1, 2, 3});
        assertThat(small).containsExactly(3, 2 << 2, 1, 2, 3);

        byte[] data = new byte[70_000];
        Arrays.fill(data, (byte) 7);
        byte[] framed = RemoteWrite.snappy(data);
        assertThat(Arrays.copyOfRange(framed, 0, 3)).as("varint 70000").containsExactly((byte) 0xf0, (byte) 0xa2, 0x04);
        assertThat(framed[3]).as("literal with a 2-byte length").isEqualTo((byte) (61 << 2));
        assertThat(framed[4] & 0xff | (framed[5] & 0xff) << 8).isEqualTo(65535);
        assertThat(framed).hasSize(3 + 3 + 65536 + 3 + (70_000 - 65536));
    }
}
