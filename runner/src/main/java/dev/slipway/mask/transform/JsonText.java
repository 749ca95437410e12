package dev.slipway.mask.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;

/** JSON text as Jackson writes it for {@link JsonTransformer}: compact values, escaped strings; a buffer to write to. */
public final class JsonText {

    /**
     * Jackson's read limits lifted but the depth, which {@link JsonScan} checks the same way: a jsonb number may have
     * 147,455 digits and a string a gigabyte, and both are masked as they are.
     */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonScan.MAX_DEPTH)
                            .maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE)
                            .maxNameLength(Integer.MAX_VALUE).build())
                    .build())
            // numbers kept as written: 1.10 stays 1.10 and 12345678901234567890.5 is not rounded to a double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonText() {
    }

    /** The compact JSON text Jackson gives a value that is not a string: what {@link JsonTransformer} masked. */
    static String compact(String json) {
        try {
            return JSON.readTree(json).toString();
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /** Jackson's refusal of a document, told without its message: the message may quote the clear values. */
    static IllegalStateException invalid(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return new IllegalStateException(at == null || at.getLineNr() < 0 ? "a value is not valid JSON"
                : "a value is not valid JSON (line " + at.getLineNr() + ")");
    }

    /** Appends {@code s} as a JSON string escaped as Jackson escapes it, or {@code null}. */
    static void quote(String s, Chars out) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        if (plain(s)) {
            out.append(s);
            out.append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
                out.append(c);
            } else if (c < 0x20) {
                control(c, out);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static void control(char c, Chars out) {
        switch (c) {
            case '\b' -> out.append("\\b");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\f' -> out.append("\\f");
            case '\r' -> out.append("\\r");
            default -> out.append(String.format("\\u%04X", (int) c));
        }
    }

    /** A growable run of characters: what a rewrite writes, turned into a string once at the end. */
    static final class Chars {
        private char[] data;
        private int length;

        Chars(int capacity) {
            data = new char[capacity];
        }

        void append(char c) {
            ensure(1);
            data[length++] = c;
        }

        void append(char[] c, int from, int n) {
            ensure(n);
            System.arraycopy(c, from, data, length, n);
            length += n;
        }

        void append(String s) {
            ensure(s.length());
            s.getChars(0, s.length(), data, length);
            length += s.length();
        }

        int length() {
            return length;
        }

        void setLength(int n) {
            length = n;
        }

        private void ensure(int more) {
            if (length + more > data.length) {
                data = Arrays.copyOf(data, Math.max(2 * data.length, length + more));
            }
        }

        @Override
        public String toString() {
            return new String(data, 0, length);
        }
    }
}
