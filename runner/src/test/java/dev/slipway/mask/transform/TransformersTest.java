package dev.slipway.mask.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.mask.catalog.SourceCatalog.Column;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransformersTest {

    private static final Keyring KEYS = Keyring.of("a-test-secret-of-some-length".getBytes(StandardCharsets.UTF_8));
    private static final Column TEXT = new Column("c", "text", "text", 'S', false, false, false, -1);

    private static Transformer create(String transformer, Map<String, String> options, String domain, Column c,
                                      List<Integer> rowKey) {
        ColumnRule rule = new ColumnRule(c.name(), transformer, domain, options, Map.of(), 1);
        return Transformers.create(rule, new Transformers.Target("t." + c.name(), c, rowKey, "public.t." + c.name()), KEYS);
    }

    private static Transformer create(String transformer, Map<String, String> options, Column c) {
        return create(transformer, options, null, c, List.of());
    }

    @Test
    void sameInputSameOutputWithinADomainAndDifferentAcrossDomainsAndSecrets() {
        Transformer a = create("email", Map.of(), "customer_email", TEXT, List.of());
        Transformer b = create("email", Map.of(), "customer_email", TEXT, List.of());
        Transformer other = create("email", Map.of(), null, TEXT, List.of());
        Keyring otherKeys = Keyring.of("another-secret-entirely".getBytes(StandardCharsets.UTF_8));
        Transformer otherSecret = Transformers.create(new ColumnRule("c", "email", "customer_email", Map.of(), Map.of(), 1),
                new Transformers.Target("t.c", TEXT, List.of(), "x"), otherKeys);

        String masked = a.apply("ada@lovelace.org", null);
        assertThat(b.apply("ada@lovelace.org", null)).isEqualTo(masked);
        assertThat(masked).matches("[a-z2-7]{12}@example\\.com");
        assertThat(other.apply("ada@lovelace.org", null)).isNotEqualTo(masked);
        assertThat(otherSecret.apply("ada@lovelace.org", null)).isNotEqualTo(masked);
        assertThat(KEYS.toString()).doesNotContain("a-test-secret");
    }

    @Test
    void emailsStayUniqueAndFitTheColumnsLength() {
        Column varchar24 = new Column("c", "character varying(24)", "varchar", 'S', false, true, false, 24);
        Transformer t = create("email", Map.of("email_domain", "shop.test"), varchar24);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            String m = t.apply("user" + i + "@mail.test", null);
            assertThat(m.length()).isLessThanOrEqualTo(24);
            out.add(m);
        }
        assertThat(out).hasSize(50_000);
        Column tiny = new Column("c", "character varying(10)", "varchar", 'S', false, true, false, 10);
        assertThatThrownBy(() -> create("email", Map.of(), tiny)).hasMessageContaining("too few for a masked email");
    }

    @Test
    void phoneKeepsFormatAndPrefixAndChangesTheNumber() {
        Transformer t = create("phone", Map.of("keep_prefix", "2"), TEXT);
        String masked = t.apply("+44 (20) 7946-0018", null);
        assertThat(masked).startsWith("+44 (").matches("\\+44 \\(\\d\\d\\) \\d{4}-\\d{4}").isNotEqualTo("+44 (20) 7946-0018");
    }

    @Test
    void namesComeFromTheWordListsAndNeverEqualTheInput() {
        Transformer t = create("name", Map.of(), TEXT);
        String masked = t.apply("Ada Lovelace", null);
        String[] parts = masked.split(" ");
        assertThat(WordLists.FIRST).contains(parts[0]);
        assertThat(WordLists.LAST).contains(parts[1]);
        Transformer first = create("first_name", Map.of(), TEXT);
        for (String word : WordLists.FIRST) {
            assertThat(first.apply(word, null)).isNotEqualTo(word);
        }
    }

    @Test
    void dateShiftMovesByOneToNDaysPerRowAndKeepsTheTimeOfDay() {
        Column ts = new Column("at", "timestamp with time zone", "timestamptz", 'D', false, true, false, -1);
        Transformer t = create("date_shift", Map.of("days", "10"), null, ts, List.of(0));
        Set<String> shifted = new HashSet<>();
        for (int id = 1; id <= 200; id++) {
            String key = String.valueOf(id);
            String out = t.apply("2024-03-15 13:45:00.123+00", i -> key);
            long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2024, 3, 15),
                    java.time.LocalDate.parse(out.substring(0, 10)));
            assertThat(Math.abs(days)).isBetween(1L, 10L);
            assertThat(out).endsWith(" 13:45:00.123+00");
            shifted.add(out);
        }
        assertThat(shifted.size()).as("offsets vary by row").isGreaterThan(10);
        assertThat(t.apply("infinity", i -> "1")).isEqualTo("infinity");
        assertThatThrownBy(() -> create("date_shift", Map.of(), null, ts, List.of()))
                .hasMessageContaining("needs a row key");
    }

    @Test
    void numberNoiseStaysWithinTheRatioKeepsTheScaleAndAlwaysChanges() {
        Column money = new Column("total", "numeric(6,2)", "numeric", 'N', false, true, false, -1);
        Transformer t = create("number_noise", Map.of("ratio", "0.1"), money);
        for (int i = 1; i <= 500; i++) {
            String v = i + ".50";
            String out = t.apply(v, null);
            java.math.BigDecimal in = new java.math.BigDecimal(v);
            java.math.BigDecimal o = new java.math.BigDecimal(out);
            assertThat(o.scale()).isEqualTo(2);
            assertThat(o).isNotEqualByComparingTo(in);
            assertThat(o.subtract(in).abs()).isLessThanOrEqualTo(in.multiply(new java.math.BigDecimal("0.1"))
                    .max(new java.math.BigDecimal("0.01")));
        }
        assertThat(t.apply("9999.99", null)).matches("\\d{1,4}\\.\\d\\d");
    }

    @Test
    void jsonMasksListedPathsOnlyAndKeepsTheRest() {
        Column jsonb = new Column("doc", "jsonb", "jsonb", 'U', false, false, false, -1);
        ColumnRule rule = new ColumnRule("doc", "json", null, Map.of(), Map.of(
                "email", new ColumnRule("email", "email", null, Map.of(), Map.of(), 1),
                "contacts[*].phone", new ColumnRule("contacts[*].phone", "phone", null, Map.of(), Map.of(), 1)), 1);
        Transformer t = Transformers.create(rule, new Transformers.Target("t.doc", jsonb, List.of(), "t.doc"), KEYS);

        String out = t.apply("{\"email\": \"a@b.c\", \"city\": \"Oslo\", \"contacts\": [{\"phone\": \"555-0100\"}, "
                + "{\"phone\": null}]}", null);

        assertThat(out).contains("\"city\":\"Oslo\"", "@example.com", "{\"phone\":null}").doesNotContain("a@b.c", "555-0100");
        assertThatThrownBy(() -> t.apply("{not json: a@b.c", null)).hasMessageNotContaining("a@b.c");
    }

    @Test
    void transformersThatDoNotFitTheColumnSaySo() {
        Column date = new Column("d", "date", "date", 'D', false, false, false, -1);
        Column notNull = new Column("n", "text", "text", 'S', false, true, false, -1);
        Column array = new Column("a", "text[]", "_text", 'A', true, false, false, -1);
        assertThatThrownBy(() -> create("hash", Map.of(), date)).hasMessageContaining("does not fit type date");
        assertThatThrownBy(() -> create("null", Map.of(), notNull)).hasMessageContaining("NOT NULL");
        assertThatThrownBy(() -> create("email", Map.of(), array)).hasMessageContaining("does not fit type text[]");
        assertThatThrownBy(() -> create("number_noise", Map.of(), TEXT)).hasMessageContaining("does not fit type text");
    }
    @Test
    void domainKeysGiveTheStandardHmacSha256() throws Exception {
        byte[] key = Keyring.hmac("a-test-secret-of-some-length".getBytes(StandardCharsets.UTF_8),
                "slipway-mask/domain/d".getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        Keyring.Key k = KEYS.domain("d");
        for (String v : List.of("", "a", "ada@lovelace.org", "ü€😀", "x".repeat(200))) {
            assertThat(k.digest(v)).as(v).isEqualTo(mac.doFinal(v.getBytes(StandardCharsets.UTF_8)));
        }
        byte[] longSecret = "a secret longer than one block of sixty-four bytes, as RFC 2104 allows".getBytes(
                StandardCharsets.UTF_8);
        mac.init(new javax.crypto.spec.SecretKeySpec(longSecret, "HmacSHA256"));
        assertThat(Keyring.hmac(longSecret, key)).isEqualTo(mac.doFinal(key));
    }

    @Test
    void dateShiftByArithmeticAgreesWithJavaTimeOnEveryKindOfDay() {
        java.util.Random random = new java.util.Random(42);
        List<java.time.LocalDate> dates = new java.util.ArrayList<>(List.of(java.time.LocalDate.of(1, 1, 1),
                java.time.LocalDate.of(9999, 12, 31), java.time.LocalDate.of(2000, 2, 29), java.time.LocalDate.of(1900, 2, 28),
                java.time.LocalDate.of(1970, 1, 1), java.time.LocalDate.of(1969, 12, 31), java.time.LocalDate.of(2024, 3, 1)));
        for (int i = 0; i < 20_000; i++) {
            dates.add(java.time.LocalDate.ofEpochDay(random.nextInt(3_652_059) - 719_162));
        }
        for (java.time.LocalDate d : dates) {
            int days = random.nextInt(800) - 400;
            java.time.LocalDate s = d.plusDays(days);
            java.time.LocalDate expected = s.getYear() < 1 || s.getYear() > 9999 ? d.minusDays(days) : s;
            String v = String.format("%04d-%02d-%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            assertThat(ValueTransformers.shift(v + " 12:30:00+00", days)).as(v + " by " + days)
                    .isEqualTo(expected + " 12:30:00+00");
        }
    }

    @Test
    void dateShiftReadsDatesAsTheIsoParserDoes() {
        for (String v : List.of("2024-02-29", "2023-02-29", "2024-13-01", "0001-01-01 00:00:00", "9999-12-31",
                "2024-01-15 10:00:00+02", "infinity", "1999-01-01 BC", "12345-01-01", "２０２４-01-01", "2024-1-015")) {
            String expected;
            try {
                java.time.LocalDate d = java.time.LocalDate.parse(v.substring(0, Math.min(10, v.length())));
                java.time.LocalDate s = d.plusDays(40).getYear() > 9999 ? d.minusDays(40) : d.plusDays(40);
                expected = v.endsWith(" BC") || v.length() < 10 ? v : s + v.substring(10);
            } catch (java.time.DateTimeException | StringIndexOutOfBoundsException e) {
                expected = v;
            }
            assertThat(ValueTransformers.shift(v, 40)).as(v).isEqualTo(expected);
        }
    }
}
