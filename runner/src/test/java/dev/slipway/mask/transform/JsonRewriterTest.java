package dev.slipway.mask.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.mask.transform.JsonTransformer.PathRule;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonRewriterTest {

    private static final Transformer UPPER = (v, r) -> v.toUpperCase(java.util.Locale.ROOT) + "\t\"\\\u0001";
    private static final List<PathRule> PATHS = List.of(new PathRule(List.of("email"), UPPER),
            new PathRule(List.of("address", "street"), UPPER), new PathRule(List.of("contacts", "[*]", "phone"), UPPER),
            new PathRule(List.of("tags", "[*]"), UPPER), new PathRule(List.of("meta"), UPPER));

    @Test
    void givesWhatTheTreeGivesForDocumentsAsPostgresWritesThem() {
        Transformer onePass = JsonRewriter.of(PATHS);
        Transformer tree = new JsonTransformer(PATHS);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            String doc = document(random);
            assertThat(onePass.apply(doc, null)).as(doc).isEqualTo(tree.apply(doc, null));
        }
    }

    @Test
    void masksOnlyThePathsAndWritesTheRestCompactAsItWas() {
        Transformer t = JsonRewriter.of(PATHS);

        String out = t.apply("{ \"email\" : \"a@b.c\", \"n\": 1.50, \"address\": {\"street\": null, \"city\": \"Oslo\\u00e9\"},"
                + " \"contacts\": [{\"phone\": \"5\"}, {\"phone\": 7}, 3], \"e\\u006dail\": \"x\" }", null);

        assertThat(out).isEqualTo("{\"email\":\"A@B.C\\t\\\"\\\\\\u0001\",\"n\":1.50,\"address\":{\"street\":null,"
                + "\"city\":\"Oslo\\u00e9\"},\"contacts\":[{\"phone\":\"5\\t\\\"\\\\\\u0001\"},{\"phone\":\"7\\t\\\"\\\\\\u0001\"},3],"
                + "\"e\\u006dail\":\"X\\t\\\"\\\\\\u0001\"}");
    }

    @Test
    void aValueThatIsNotAStringIsMaskedAsItsCompactJsonText() {
        Transformer t = JsonRewriter.of(List.of(new PathRule(List.of("meta"), (v, r) -> "<" + v + ">")));

        assertThat(t.apply("{\"meta\": {\"b\": [1, 2.50], \"a\": true}, \"x\": [ ]}", null))
                .isEqualTo("{\"meta\":\"<{\\\"b\\\":[1,2.50],\\\"a\\\":true}>\",\"x\":[]}");
    }

    @Test
    void aNumberLongerThanJacksonsDefaultLimitIsMaskedNotCrashedOn() {
        // numeric in jsonb has up to 147,455 digits; Jackson refuses more than 1,000 by default (and the refusal had
        // no location, which crashed the error message)
        String big = "1" + "0".repeat(5_000);
        Transformer t = JsonRewriter.of(List.of(new PathRule(List.of("meta"), (v, r) -> "<" + v.length() + ">")));

        assertThat(t.apply("{\"meta\": " + big + ", \"n\": " + big + "}", null))
                .isEqualTo("{\"meta\":\"<5001>\",\"n\":" + big + "}");
        assertThat(new JsonTransformer(List.of(new PathRule(List.of("meta"), (v, r) -> "<" + v.length() + ">")))
                .apply("{\"meta\": " + big + "}", null)).isEqualTo("{\"meta\":\"<5001>\"}");
    }

    @Test
    void theTreeKeepsNumbersAsWritten() {
        // the tree is used where one path lies inside another; what it does not mask must come out as it went in
        Transformer tree = new JsonTransformer(List.of(new PathRule(List.of("a"), UPPER), new PathRule(List.of("a", "b"), UPPER)));

        assertThat(tree.apply("{\"n\": 1.10, \"m\": 12345678901234567890.123456789, \"z\": 100.0, \"i\": 7}", null))
                .isEqualTo("{\"n\":1.10,\"m\":12345678901234567890.123456789,\"z\":100.0,\"i\":7}");
    }

    @Test
    void pathsInsideOtherPathsAreLeftToTheTree() {
        assertThat(JsonRewriter.of(List.of(new PathRule(List.of("a"), UPPER), new PathRule(List.of("a", "b"), UPPER))))
                .isNull();
        assertThat(JsonRewriter.of(List.of(new PathRule(List.of("a", "b"), UPPER), new PathRule(List.of("a"), UPPER))))
                .isNull();
    }

    @Test
    void brokenOrTooDeepDocumentsAreRefusedWithoutQuotingThem() {
        Transformer t = JsonRewriter.of(PATHS);
        for (String broken : List.of("{\"email\": \"secret@x.y\"", "{\"email\" \"secret@x.y\"}", "[secret]",
                "{\"email\": \"secret@x.y\"} tail", "{\"email\": \"\\q secret\"}", "")) {
            assertThatThrownBy(() -> t.apply(broken, null)).as(broken).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("a value is not valid JSON").hasMessageNotContaining("secret");
        }
        assertThatThrownBy(() -> t.apply("[".repeat(1001) + "]".repeat(1001), null))
                .hasMessageContaining("nested deeper than 1000");
    }

    /** A document as jsonb's output writes it: keys, strings with escapes, integers, booleans, nulls, nesting. */
    private static String document(Random r) {
        StringBuilder s = new StringBuilder("{");
        List<String> keys = new java.util.ArrayList<>(List.of("email", "address", "contacts", "tags", "meta", "name", "n"));
        java.util.Collections.shuffle(keys, r);
        int n = r.nextInt(keys.size());
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ", ").append('"').append(keys.get(i)).append("\": ");
            value(r, s, 0);
        }
        return s.append('}').toString();
    }

    private static void value(Random r, StringBuilder s, int depth) {
        switch (depth > 3 ? r.nextInt(4) : r.nextInt(7)) {
            case 0 -> s.append('"').append(text(r)).append('"');
            case 1 -> s.append(r.nextInt(2000) - 1000);
            case 2 -> s.append(r.nextBoolean());
            case 3 -> s.append("null");
            case 4 -> {
                s.append("{\"street\": ");
                value(r, s, depth + 1);
                s.append(", \"city\": \"Oslo\"}");
            }
            default -> {
                s.append('[');
                for (int k = r.nextInt(3); k > 0; k--) {
                    value(r, s, depth + 1);
                    s.append(k > 1 ? ", " : "");
                }
                s.append(']');
            }
        }
    }

    private static String text(Random r) {
        // only what jsonb's output escapes: quote, backslash and control characters
        String[] parts = {"a", "Ünï", "\\\"", "\\\\", "\\n", "\\t", "\\u0001", " ", "€", "x@y.z", "😀"};
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(5); k > 0; k--) {
            s.append(parts[r.nextInt(parts.length)]);
        }
        return s.toString();
    }
}
