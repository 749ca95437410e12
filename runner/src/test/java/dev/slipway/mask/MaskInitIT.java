package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code slipway mask init} on a realistic schema: the file it writes covers everything, passes {@code mask --check},
 * masks for real, never holds a sampled value; {@code --update} adds what the source gained and keeps the rest.
 */
@ExtendWith(PostgresExtension.class)
class MaskInitIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    private static final String EXTRA = """
            CREATE TABLE accounts (
                id            bigint PRIMARY KEY REFERENCES customers (id),
                login_email   varchar(60) NOT NULL UNIQUE,
                password_hash varchar(72) NOT NULL,
                api_token     text,
                street        text,
                last_ip       inet,
                short_code    varchar(8) UNIQUE,
                settings      jsonb NOT NULL DEFAULT '{}'
            );
            INSERT INTO accounts SELECT id, 'login' || id || '@corp.test', 'pbkdf2$' || md5(id::text),
                   'tok_' || md5(id::text || 'x'), id || ' Main Street', ('10.1.2.' || (id % 250))::inet, 'c' || id,
                   jsonb_build_object('email', 'alt' || id || '@corp.test', 'phone', '+1 555 0100 ' || id, 'theme', 'dark')
            FROM customers;
            CREATE TABLE visits (id bigint, at date NOT NULL, visitor_email text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE visits_2024 PARTITION OF visits FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            INSERT INTO visits SELECT i, date '2024-02-01' + i, 'visitor' || i || '@mail.test' FROM generate_series(1, 50) i;
            """;

    @Test
    void theWrittenRulesCoverEverythingPassCheckAndMaskWithoutASampledValueInThem(TestDatabase source,
            TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        source.execute(EXTRA);
        Path rules = dir.resolve("masking.yaml");

        assertThat(shop.slipway("mask", "init", "--source", source.url(), "--source-user", source.user(), "--output",
                rules.toString())).as(shop.out + shop.err).isZero();

        String text = Files.readString(rules);
        assertThat(text).contains("email: {transformer: email}", "password_hash: {transformer: hash",
                "last_ip: 'null'", "zip: keep", "REVIEW", "settings: {transformer: json, paths: {email: "
                + "email, phone: phone}}", "public.visits:", "customer_id: keep", "# foreign key")
                .doesNotContain("visits_2024", "email_lower");
        for (String clear : new String[] {"person7@mail.test", "login7@corp.test", "Main Street", "tok_", "10.1.2.",
                "pbkdf2", "Person Number"}) {
            assertThat(text + shop.out + shop.err).as("a sampled value").doesNotContain(clear);
        }
        assertThat(shop.mask(source, target, rules, "--check")).as(shop.out + shop.err).isZero();
        assertThat(shop.mask(source, target, rules)).as(shop.out + shop.err).isZero();
        assertThat(shop.verify(source, target, rules)).as(shop.out + shop.err).isZero();
        assertThat(shop.slipway("mask", "init", "--source", source.url(), "--source-user", source.user(), "--output",
                rules.toString())).as("an existing file is not overwritten").isEqualTo(2);
        assertThat(shop.err).contains("--update");
    }

    @Test
    void anUpdateAddsTheNewColumnAndTableKeepsTheUsersEditsAndASecondAddsNothing(TestDatabase source) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, "# hand-written\n" + ShopFixture.RULES + "  public.flyway_note:\n"
                + "    keep_all: true\n");
        source.execute("CREATE TABLE flyway_note (id int)");
        String before = Files.readString(rules);
        source.execute("ALTER TABLE customers ADD COLUMN mobile_phone text",
                "CREATE TABLE invoices (id int PRIMARY KEY, billing_email text NOT NULL)");

        assertThat(shop.slipway("mask", "init", "--source", source.url(), "--source-user", source.user(), "--update",
                rules.toString())).as(shop.out + shop.err).isZero();

        String after = Files.readString(rules);
        before.lines().forEach(line -> assertThat(after).contains(line));
        assertThat(after).contains("mobile_phone: {transformer: phone}", "added by mask init", "public.invoices:",
                "billing_email: {transformer: email}");
        assertThat(shop.err).contains("added column public.customers.mobile_phone", "added table public.invoices");
        assertThat(shop.mask(source, source, rules, "--check")).as(shop.out + shop.err).isZero();

        assertThat(shop.slipway("mask", "init", "--source", source.url(), "--source-user", source.user(), "--update",
                rules.toString())).isZero();
        assertThat(Files.readString(rules)).isEqualTo(after);
        assertThat(shop.err).contains("nothing to add");
    }
}
