package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.mask.copy.CopyTask;
import dev.slipway.mask.golden.GoldenMark;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code slipway mask} and {@code mask verify} end to end on a real PostgreSQL: the happy path. */
@ExtendWith(PostgresExtension.class)
class MaskIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    @Test
    void masksEveryPersonalColumnKeepsJoinsAndMarksTheGolden(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);

        int code = shop.mask(source, target, rules);

        assertThat(code).as(shop.out + shop.err).isZero();
        assertThat(target.value("SELECT count(*) FROM customers")).isEqualTo("300");
        assertThat(target.value("SELECT count(*) FROM orders")).isEqualTo("900");
        List<String> clearEmails = source.column("SELECT email FROM customers");
        assertThat(target.column("SELECT email FROM customers")).doesNotContainAnyElementsOf(clearEmails)
                .allSatisfy(e -> assertThat(e).endsWith("@example.com"));
        assertThat(target.column("SELECT customer_email FROM orders")).doesNotContainAnyElementsOf(clearEmails);
        assertThat(target.value("SELECT count(*) FROM orders o JOIN customers c ON c.email = o.customer_email "
                + "AND c.id = o.customer_id")).as("orders.customer_email still matches its customer's masked email")
                .isEqualTo("900");
        assertThat(target.value("SELECT count(*) FROM customers WHERE email_lower = lower(email)"))
                .as("generated column recomputed from the masked email").isEqualTo("300");
        assertThat(target.value("SELECT phone FROM customers WHERE id = 1")).matches("\\+\\d \\(\\d{3}\\) \\d{3}-\\d{4}")
                .isNotEqualTo(source.value("SELECT phone FROM customers WHERE id = 1"));
        assertThat(target.value("SELECT profile->'address'->>'city' FROM customers WHERE id = 1")).isEqualTo("Springfield");
        assertThat(target.value("SELECT profile->'address'->>'street' FROM customers WHERE id = 1"))
                .isNotEqualTo("1 Elm Street");
        assertThat(target.value("SELECT count(*) FROM customers WHERE tags IS NULL AND zip = '00000'")).isEqualTo("300");
        assertThat(target.value("SELECT max(abs(t.birth_date - s.d)) <= 90 AND min(abs(t.birth_date - s.d)) >= 1 FROM "
                + "customers t JOIN (VALUES " + birthDates(source) + ") s(id, d) ON s.id = t.id")).isEqualTo("t");
        assertThat(target.value("SELECT status FROM slipway.golden")).isEqualTo("masked");
        assertThat(target.value("SELECT to_regclass('slipway.runs') IS NULL")).as("of Slipway's state the golden "
                + "holds only its mark: previews record their runs in serve's state database").isEqualTo("t");
        assertThat(GoldenMark.read(target.spec()).orElseThrow().error()).isNull();
        assertThat(GoldenMark.requireMasked(target.spec()).rowCounts()).containsEntry("public.customers", 300L)
                .containsEntry("public.orders", 900L);
        assertThat(target.value("SELECT public.order_count(1)")).isEqualTo(source.value("SELECT public.order_count(1)"));
        assertThat(target.value("SELECT count(*) FROM big_orders")).isEqualTo(target.value("SELECT count(*) FROM orders "
                + "WHERE total > 100"));
        assertThat(target.value("SELECT nextval('orders_id_seq')")).isEqualTo("901");
        assertThat(target.column("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"))
                .containsExactly("customers_email_key", "customers_pkey", "orders_customer_email_idx", "orders_pkey");
        assertThat(shop.err).contains("copied  public.orders: 900 rows");
        assertThat(shop.out + shop.err).doesNotContain(ShopFixture.SECRET);

        assertThat(shop.verify(source, target, rules)).as(shop.out + shop.err).isZero();
        assertThat(shop.out).contains("public.customers.email", "set", "public.customers.full_name", "row", "sample",
                "verified: 0 leaks");
    }

    @Test
    void sameInputGivesSameOutputAcrossRunsAndARerunStartsTheTargetClean(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        assertThat(shop.mask(source, target, rules)).as(shop.err).isZero();
        List<String> first = target.column("SELECT email || full_name || phone FROM customers ORDER BY id");
        target.execute("CREATE TABLE public.leftover (id int)");

        assertThat(shop.mask(source, target, rules, "--jobs", "1")).as(shop.err).isZero();

        assertThat(target.column("SELECT email || full_name || phone FROM customers ORDER BY id")).isEqualTo(first);
        assertThat(target.tableExists("leftover")).as("a rerun drops what was there").isFalse();
        shop.env.put("SLIPWAY_MASK_SECRET", "another-secret-0123456789");
        assertThat(shop.mask(source, target, rules)).as(shop.err).isZero();
        assertThat(target.column("SELECT email || full_name || phone FROM customers ORDER BY id"))
                .as("another secret, other values").doesNotContainAnyElementsOf(first);
    }

    @Test
    void aRunKilledEarlyLeftItsMarkFirstSoARerunIsAccepted(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        // what a run killed in its first second leaves: the mark, made first, and some tables
        try (var c = target.spec().open("test", null)) {
            GoldenMark.begin(c, "0".repeat(64), "jdbc:postgresql://elsewhere/app", "PostgreSQL 15", "test");
        }
        target.execute("CREATE TABLE public.customers (id int)");
        assertThat(GoldenMark.read(target.spec()).orElseThrow().masked()).isFalse();

        assertThat(shop.mask(source, target, rules)).as(shop.err).isZero();

        assertThat(GoldenMark.requireMasked(target.spec()).rowCounts()).containsEntry("public.customers", 300L);
    }

    @Test
    void aMigrateThatKeepsItsRecordInAGoldenAdoptsTheMarkIntoSlipwaysStateSchema(TestDatabase target) throws Exception {
        try (var c = target.spec().open("test", null)) {
            GoldenMark.begin(c, "0".repeat(64), "jdbc:postgresql://elsewhere/app", "PostgreSQL 15", "test");
            GoldenMark.complete(c, java.util.Map.of());
        }
        Path migrations = java.nio.file.Files.createDirectories(dir.resolve("migrations"));
        java.nio.file.Files.writeString(migrations.resolve("V1__added.sql"), "CREATE TABLE added (id int)");

        int code = shop.slipway("migrate", "--url", target.url(), "--user", target.user(), "--engine", "flyway",
                "--location", migrations.toString());

        assertThat(code).as(shop.out + shop.err).isZero();
        assertThat(target.column("SELECT version || ':' || success FROM slipway.schema_history ORDER BY installed_rank"))
                .as("adopted below every migration of the state schema").startsWith("0:true", "1:true")
                .allSatisfy(row -> assertThat(row).endsWith(":true"));
        assertThat(target.value("SELECT command || ':' || outcome FROM slipway.runs")).isEqualTo("migrate:succeeded");
        assertThat(GoldenMark.requireMasked(target.spec()).masked()).as("the mark is kept").isTrue();
    }

    @Test
    void verifyFindsAClearValuePutBackIntoTheTarget(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        assertThat(shop.mask(source, target, rules)).as(shop.err).isZero();
        target.execute("UPDATE customers SET email = 'person7@mail.test' WHERE id = 3",
                "UPDATE orders SET note = 'call person12@mail.test' WHERE id = 5");

        int code = shop.verify(source, target, rules, "--sample", "300", "--json");

        assertThat(code).as(shop.out + shop.err).isEqualTo(1);
        assertThat(shop.out).contains("\"column\" : \"public.customers.email\"", "\"leaks\" : 1")
                .contains("\"column\" : \"public.orders.note\"").doesNotContain("person12@mail.test");
    }

    @Test
    void aLargeTableIsSharedByAllJobsInPageRangesAndMaskedAsOneJobMasksIt(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        source.execute("CREATE TABLE events (id bigint PRIMARY KEY, email text NOT NULL, detail jsonb) "
                + "WITH (fillfactor = 10)", "INSERT INTO events SELECT i, 'user' || i || '@mail.test', "
                + "jsonb_build_object('email', 'user' || i || '@mail.test', 'n', i) FROM generate_series(1, 30000) i");
        assertThat(Long.parseLong(source.value("SELECT pg_relation_size('events') / 8192")))
                .as("large enough to be split into four parts").isGreaterThanOrEqualTo(4 * CopyTask.MIN_PART_PAGES);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES + """
                  public.events:
                    columns:
                      id: keep
                      email: {transformer: email, domain: customer_email}
                      detail: {transformer: json, paths: {email: email}}
                """);
        String rows = "SELECT md5(string_agg(e::text, ',' ORDER BY id)) FROM events e";
        assertThat(shop.mask(source, target, rules, "--jobs", "1")).as(shop.err).isZero();
        String oneJob = target.value(rows);

        assertThat(shop.mask(source, target, rules, "--jobs", "3")).as(shop.err).isZero();

        assertThat(target.value("SELECT count(DISTINCT id) FROM events")).isEqualTo("30000");
        assertThat(target.value(rows)).isEqualTo(oneJob);
        assertThat(target.value("SELECT count(*) FROM events WHERE detail->>'email' LIKE '%@example.com' "
                + "AND email LIKE '%@example.com'")).isEqualTo("30000");
        assertThat(shop.err).contains("copied  public.events: 30,000 rows");
    }

    @Test
    void aRowTheTargetRefusesStopsEveryJobAndLeavesTheTargetIncomplete(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES.replace("zip: {transformer: constant, value: '00000'}",
                "zip: hash"));

        assertThat(shop.mask(source, target, rules, "--jobs", "2")).isEqualTo(4);

        assertThat(shop.err).contains("copying public.customers into the target failed", "us_zip",
                "marked incomplete");
        assertThat(target.value("SELECT status FROM slipway.golden")).isEqualTo("incomplete");
    }

    private static String birthDates(TestDatabase source) {
        return String.join(", ", source.column("SELECT format('(%s, date %L)', id, birth_date) FROM customers"));
    }
}
