package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mask verify} on every column: a nondeterministic (case-insensitive) collation, the collation people give
 * email columns, neither crashes it nor hides a case variant of a clear value; NULLs and empty values are no leaks.
 */
@ExtendWith(PostgresExtension.class)
class MaskVerifyIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    private static final String SCHEMA = """
            CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE TABLE accounts (id int PRIMARY KEY, email text COLLATE ci UNIQUE, nick text COLLATE ci,
                note varchar(40), tags text[], profile jsonb);
            INSERT INTO accounts SELECT i, 'User' || i || '@Example.org', CASE WHEN i % 5 = 0 THEN '' ELSE 'nick' || i END,
                CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN '' ELSE 'a note from user ' || i END,
                CASE WHEN i % 3 = 0 THEN '{}'::text[] ELSE ARRAY['tag' || i] END,
                jsonb_build_object('email', 'User' || i || '@Example.org')
            FROM generate_series(1, 40) i;
            """;

    private static final String RULES = """
            tables:
              public.accounts:
                columns:
                  id: keep
                  email: email
                  nick: {transformer: hash, length: 10}
                  note: {transformer: hash, length: 20}
                  tags: {transformer: constant, value: '{}'}
                  profile: {transformer: json, paths: {email: email}}
            """;

    @Test
    void aCaseInsensitiveColumnIsVerifiedAndEmptyValuesAreCountedApartNotAsLeaks(TestDatabase source,
            TestDatabase target) throws Exception {
        source.execute(SCHEMA);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        assertThat(shop.mask(source, target, rules)).as(shop.out + shop.err).isZero();

        assertThat(shop.verify(source, target, rules, "--json")).as(shop.out + shop.err).isZero();

        JsonNode report = new ObjectMapper().readTree(shop.out);
        assertThat(report.get("leaks").asLong()).isZero();
        assertThat(check(report, "public.accounts.nick", "set").get("empty").asLong()).as("'' in 8 of 40").isEqualTo(8);
        assertThat(check(report, "public.accounts.note", "set").get("empty").asLong()).as("NULL or ''").isEqualTo(20);
        assertThat(check(report, "public.accounts.tags", "set").get("empty").asLong()).as("'{}'").isEqualTo(13);
        assertThat(check(report, "public.accounts.email", "sample").get("leaks").asLong()).isZero();
    }

    @Test
    void aClearValuePutBackInAnotherCaseIsALeakInTheSetCheckAndTheSampleSearch(TestDatabase source,
            TestDatabase target) throws Exception {
        source.execute(SCHEMA);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
        assertThat(shop.mask(source, target, rules)).as(shop.out + shop.err).isZero();
        target.execute("UPDATE accounts SET email = 'user7@example.org' WHERE id = 3",
                "UPDATE accounts SET note = 'the mail was USER12@EXAMPLE.ORG' WHERE id = 6");

        assertThat(shop.verify(source, target, rules, "--json", "--sample", "1000")).as(shop.out + shop.err)
                .isEqualTo(1);

        JsonNode report = new ObjectMapper().readTree(shop.out);
        assertThat(check(report, "public.accounts.email", "set").get("leaks").asLong()).isEqualTo(1);
        assertThat(check(report, "public.accounts.note", "sample").get("leaks").asLong()).isEqualTo(1);
        assertThat(shop.out + shop.err).doesNotContain("User7@Example.org", "user7@example.org", "USER12");
    }

    private static JsonNode check(JsonNode report, String column, String kind) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("column").asText().equals(column) && c.get("kind").asText().equals(kind)) {
                return c;
            }
        }
        throw new AssertionError("no " + kind + " check of " + column + " in " + report);
    }
}
