package dev.slipway.mask.copy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's COPY text format, one row at a time: fields split on tab, {@code \N} for NULL, backslash
 * escapes. Only the fields a transformer needs are decoded; the others are passed on as bytes.
 */
public final class CopyText {

    private static final byte TAB = '\t';
    private static final byte NEWLINE = '\n';
    private static final byte BACKSLASH = '\\';

    private CopyText() {
    }

    /**
     * Finds the fields of {@code row} (ending with a newline): field {@code i} is bytes
     * {@code [bounds[2i], bounds[2i+1])}. Returns the number of fields, or -1 when there are more than
     * {@code bounds} holds.
     */
    static int split(byte[] row, int length, int[] bounds) {
        int end = length > 0 && row[length - 1] == NEWLINE ? length - 1 : length;
        int n = 0;
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (row[i] == TAB) {
                if (2 * n + 3 >= bounds.length) {
                    return -1;
                }
                bounds[2 * n] = start;
                bounds[2 * n + 1] = i;
                n++;
                start = i + 1;
            }
        }
        bounds[2 * n] = start;
        bounds[2 * n + 1] = end;
        return n + 1;
    }

    /** The value of field bytes {@code [from, to)}, or {@code null} for {@code \N}. */
    static String decode(byte[] b, int from, int to) {
        if (to - from == 2 && b[from] == BACKSLASH && b[from + 1] == 'N') {
            return null;
        }
        int i = from;
        while (i < to && b[i] != BACKSLASH) {
            i++;
        }
        if (i == to) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        out.write(b, from, i - from);
        while (i < to) {
            byte c = b[i++];
            if (c != BACKSLASH || i == to) {
                out.write(c);
                continue;
            }
            i = unescape(b, i, to, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Decodes the escape whose letter is at {@code i}; returns the index after it. */
    private static int unescape(byte[] b, int i, int to, ByteArrayOutputStream out) {
        byte c = b[i++];
        switch (c) {
            case 'b' -> out.write('\b');
            case 'f' -> out.write('\f');
            case 'n' -> out.write('\n');
            case 'r' -> out.write('\r');
            case 't' -> out.write('\t');
            case 'v' -> out.write(0x0b);
            case 'x' -> {
                int v = 0;
                int k = 0;
                while (k < 2 && i < to && Character.digit(b[i], 16) >= 0) {
                    v = v * 16 + Character.digit(b[i++], 16);
                    k++;
                }
                out.write(k == 0 ? 'x' : v);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int v = c - '0';
                    for (int k = 0; k < 2 && i < to && b[i] >= '0' && b[i] <= '7'; k++) {
                        v = v * 8 + (b[i++] - '0');
                    }
                    out.write(v);
                } else {
                    out.write(c);
                }
            }
        }
        return i;
    }

    /** Appends {@code value} as a field: {@code \N} for null, else UTF-8 with backslash, tab, CR and LF escaped. */
    static void encode(String value, RowBuffer out) {
        if (value == null) {
            out.write(BACKSLASH);
            out.write((byte) 'N');
            return;
        }
        out.writeEscaped(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The letter that follows a backslash for {@code c} in COPY text, or 0 when {@code c} is written as it is. */
    private static byte escape(byte c) {
        return switch (c) {
            case BACKSLASH -> BACKSLASH;
            case TAB -> 't';
            case NEWLINE -> 'n';
            case '\r' -> 'r';
            default -> 0;
        };
    }

    /** A growable byte buffer the masked rows are collected in before they go to the target. */
    static final class RowBuffer {
        private byte[] data;
        private int size;

        RowBuffer(int capacity) {
            data = new byte[capacity];
        }

        void write(byte b) {
            ensure(1);
            data[size++] = b;
        }

        void write(byte a, byte b) {
            ensure(2);
            data[size++] = a;
            data[size++] = b;
        }

        void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, data, size, len);
            size += len;
        }

        /** Appends {@code b} with backslash, tab, CR and LF escaped. */
        void writeEscaped(byte[] b) {
            ensure(2 * b.length);
            int n = size;
            for (byte c : b) {
                byte e = escape(c);
                if (e != 0) {
                    data[n++] = BACKSLASH;
                    c = e;
                }
                data[n++] = c;
            }
            size = n;
        }

        private void ensure(int more) {
            if (size + more > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + more));
            }
        }

        byte[] data() {
            return data;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }
    }
}
