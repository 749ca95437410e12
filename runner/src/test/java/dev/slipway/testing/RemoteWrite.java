package dev.slipway.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of a Prometheus remote-write request (protocol 1.0): a protobuf {@code WriteRequest}, snappy-compressed
 * in the block format. Written by hand (a few field encodings, and snappy literals, which any decoder accepts) so
 * that pushing series to a test Prometheus needs no protobuf or snappy library. Pure.
 */
public final class RemoteWrite {

    /** One sample of one series; {@code labels} include {@code __name__}. */
    public record Series(Map<String, String> labels, double value, long timestampMs) {
        public Series {
            labels = new TreeMap<>(labels);
        }
    }

    private RemoteWrite() {
    }

    /** The snappy-compressed {@code WriteRequest} holding {@code series}. */
    public static byte[] body(List<Series> series) {
        return snappy(writeRequest(series));
    }

    static byte[] writeRequest(List<Series> series) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Series s : series) {
            field(out, 1, timeSeries(s));
        }
        return out.toByteArray();
    }

    private static byte[] timeSeries(Series s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.labels().forEach((name, value) -> field(out, 1, label(name, value)));
        field(out, 2, sample(s.value(), s.timestampMs()));
        return out.toByteArray();
    }

    private static byte[] label(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 1, name.getBytes(StandardCharsets.UTF_8));
        field(out, 2, value.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] sample(double value, long timestampMs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1 << 3 | 1);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xff);
        }
        out.write(2 << 3);
        varint(out, timestampMs);
        return out.toByteArray();
    }

    /** A length-delimited field (wire type 2). */
    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        out.write(number << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Snappy's block format with literals only: the uncompressed length, then chunks of at most 64 KiB. */
    static byte[] snappy(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, data.length);
        for (int at = 0; at < data.length; at += 65536) {
            int n = Math.min(65536, data.length - at);
            if (n <= 60) {
                out.write((n - 1) << 2);
            } else {
                out.write(61 << 2);
                out.write((n - 1) & 0xff);
                out.write((n - 1) >>> 8);
            }
            out.write(data, at, n);
        }
        return out.toByteArray();
    }
}
