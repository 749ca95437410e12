package dev.slipway.mask;

import dev.slipway.cli.SlipwayCli;
import dev.slipway.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small shop with personal data in a source database, the rules that cover it, and the command line
 * to mask it: shared by the mask ITs.
 */
final class ShopFixture {

    static final String SECRET = "test-secret-0123456789abcdef";

    static final String SCHEMA = """
            CREATE TYPE status AS ENUM ('active', 'closed');
            CREATE DOMAIN us_zip AS text CHECK (VALUE ~ '^[0-9]{5}$');
            CREATE TABLE customers (
                id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email      varchar(60) NOT NULL UNIQUE,
                full_name  text NOT NULL,
                phone      text,
                birth_date date,
                profile    jsonb,
                zip        us_zip,
                status     status NOT NULL DEFAULT 'active',
                tags       text[],
                email_lower text GENERATED ALWAYS AS (lower(email)) STORED
            );
            CREATE TABLE orders (
                id             serial PRIMARY KEY,
                customer_id    bigint NOT NULL REFERENCES customers (id),
                customer_email varchar(60) NOT NULL,
                total          numeric(12,2) NOT NULL CHECK (total >= 0),
                placed_at      timestamptz NOT NULL,
                note           text
            );
            CREATE INDEX orders_customer_email_idx ON orders (customer_email);
            CREATE VIEW big_orders AS SELECT o.id, c.email FROM orders o JOIN customers c ON c.id = o.customer_id
                WHERE o.total > 100;
            CREATE FUNCTION order_count(cid bigint) RETURNS bigint LANGUAGE sql STABLE
                AS 'SELECT count(*) FROM public.orders WHERE customer_id = cid';
            INSERT INTO customers (email, full_name, phone, birth_date, profile, zip, tags)
            SELECT 'person' || i || '@mail.test', 'Person Number' || i, '+1 (555) 010-' || lpad(i::text, 4, '0'),
                   date '1970-01-01' + i * 37, jsonb_build_object('nick', 'nick' || i, 'address',
                   jsonb_build_object('street', i || ' Elm Street', 'city', 'Springfield')), lpad((10000 + i)::text, 5, '0'),
                   ARRAY['t' || i, 'vip']
            FROM generate_series(1, 300) i;
            INSERT INTO orders (customer_id, customer_email, total, placed_at, note)
            SELECT c.id, c.email, (i % 500) + 0.99, timestamptz '2024-01-01 10:00:00+00' + i * interval '1 hour',
                   CASE WHEN i % 7 = 0 THEN 'leave at door' END
            FROM generate_series(1, 900) i JOIN customers c ON c.id = 1 + i % 300;
            """;

    static final String RULES = """
            domains: [customer_email]
            tables:
              public.customers:
                columns:
                  id: keep
                  email: {transformer: email, domain: customer_email}
                  full_name: name
                  phone: phone
                  birth_date: {transformer: date_shift, days: 90}
                  profile: {transformer: json, paths: {nick: hash, address.street: hash}}
                  zip: {transformer: constant, value: '00000'}
                  status: keep
                  tags: 'null'
              public.orders:
                columns:
                  id: keep
                  customer_id: keep
                  customer_email: {transformer: email, domain: customer_email}
                  total: {transformer: number_noise, ratio: 0.05}
                  placed_at: keep
                  note: keep
            """;

    final Map<String, String> env = new HashMap<>(Map.of("SLIPWAY_MASK_SECRET", SECRET));
    String out;
    String err;

    static void createShop(TestDatabase source) {
        source.execute(SCHEMA);
    }

    static Path rules(Path dir, String yaml) throws IOException {
        return Files.writeString(dir.resolve("masking.yaml"), yaml);
    }

    int slipway(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = SlipwayCli.run(env, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    int mask(TestDatabase source, TestDatabase target, Path rules, String... extra) {
        List<String> args = new ArrayList<>(List.of("mask", "--source", source.url(), "--source-user", source.user(),
                "--target", target.url(), "--target-user", target.user(), "--rules", rules.toString()));
        args.addAll(List.of(extra));
        return slipway(args.toArray(String[]::new));
    }

    int verify(TestDatabase source, TestDatabase target, Path rules, String... extra) {
        List<String> args = new ArrayList<>(List.of("mask", "verify", "--source", source.url(), "--source-user",
                source.user(), "--target", target.url(), "--target-user", target.user(), "--rules", rules.toString()));
        args.addAll(List.of(extra));
        return slipway(args.toArray(String[]::new));
    }
}
