package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.mask.golden.GoldenMark;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Schemas that are easy to get wrong: odd names, other schemas, partitions, generated columns, arrays, enums, domains. */
@ExtendWith(PostgresExtension.class)
class MaskSchemaIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    private static final String ODD = """
            CREATE SCHEMA "Sales Dept";
            CREATE EXTENSION IF NOT EXISTS pgcrypto;
            CREATE TYPE "Sales Dept"."Mood" AS ENUM ('happy', 'it''s fine');
            CREATE DOMAIN "Sales Dept".positive AS int CHECK (VALUE > 0);
            CREATE TABLE "Sales Dept"."Order Lines" (
                "Id"        int PRIMARY KEY,
                "Buyer ""Name""\"  text NOT NULL,
                qty         "Sales Dept".positive NOT NULL,
                mood        "Sales Dept"."Mood",
                scores      int[],
                notes       text[],
                token       uuid DEFAULT gen_random_uuid(),
                doubled     int GENERATED ALWAYS AS (qty * 2) STORED
            );
            INSERT INTO "Sales Dept"."Order Lines" ("Id", "Buyer ""Name""\", qty, mood, scores, notes)
            SELECT i, 'Buyer\t' || i || E'\\n"quoted"', i, CASE WHEN i % 2 = 0 THEN 'happy' ELSE 'it''s fine' END::"Sales Dept"."Mood",
                   ARRAY[i, i + 1], ARRAY['a,b', NULL, 'c"d']
            FROM generate_series(1, 50) i;
            CREATE TABLE events (id bigint, at date NOT NULL, who text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_rest PARTITION OF events DEFAULT;
            CREATE INDEX events_who_idx ON events (who);
            INSERT INTO events SELECT i, date '2024-06-01' + i * 3, 'user' || i FROM generate_series(1, 200) i;
            CREATE SEQUENCE "Sales Dept".invoice_no START 1000;
            SELECT nextval('"Sales Dept".invoice_no') FROM generate_series(1, 5);
            CREATE MATERIALIZED VIEW "Sales Dept".mood_counts AS
                SELECT mood, count(*) AS n FROM "Sales Dept"."Order Lines" GROUP BY mood;
            """;

    private static final String RULES = """
            tables:
              Sales Dept.Order Lines:
                columns:
                  Id: keep
                  Buyer "Name": hash
                  qty: keep
                  mood: keep
                  scores: keep
                  notes: {transformer: constant, value: '{x}'}
                  token: keep
              public.events:
                columns:
                  id: keep
                  at: keep
                  who: {transformer: hash, length: 10}
            """;

    @Test
    void copiesOddNamesPartitionsGeneratedColumnsArraysEnumsAndDomainsRight(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute(ODD);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);

        int code = shop.mask(source, target, rules, "--jobs", "3");

        assertThat(code).as(shop.out + shop.err).isZero();
        String lines = "\"Sales Dept\".\"Order Lines\"";
        assertThat(target.value("SELECT count(*) FROM " + lines)).isEqualTo("50");
        assertThat(target.value("SELECT string_agg(concat_ws('|', \"Id\", qty, mood, scores, token, doubled), ',' ORDER BY \"Id\") FROM " + lines))
                .isEqualTo(source.value("SELECT string_agg(concat_ws('|', \"Id\", qty, mood, scores, token, doubled), ',' ORDER BY \"Id\") FROM " + lines));
        assertThat(target.column("SELECT \"Buyer \"\"Name\"\"\" FROM " + lines)).allMatch(v -> v.matches("[a-z2-7]{16}"));
        assertThat(target.value("SELECT notes::text FROM " + lines + " WHERE \"Id\" = 1")).isEqualTo("{x}");
        assertThat(target.value("SELECT count(*) FROM events_2024")).isEqualTo(source.value("SELECT count(*) FROM events_2024"));
        assertThat(target.value("SELECT count(*) FROM events_rest")).isEqualTo(source.value("SELECT count(*) FROM events_rest"));
        assertThat(target.column("SELECT who FROM events")).allMatch(v -> v.matches("[a-z2-7]{10}"));
        assertThat(target.column("SELECT indexname FROM pg_indexes WHERE tablename = 'events_2024' ORDER BY 1"))
                .hasSize(2);
        assertThat(target.value("SELECT nextval('\"Sales Dept\".invoice_no')")).isEqualTo("1005");
        assertThat(target.value("SELECT n FROM \"Sales Dept\".mood_counts WHERE mood = 'happy'")).isEqualTo("25");
        assertThat(target.value("SELECT count(*) FROM pg_extension WHERE extname = 'pgcrypto'")).isEqualTo("1");
        assertThat(target.value("SELECT GoldenStatus FROM (SELECT status AS GoldenStatus FROM slipway.golden) g"))
                .isEqualTo("masked");
        assertThat(GoldenMark.requireMasked(target.spec()).rowCounts()).containsEntry("public.events", 200L)
                .containsEntry("\"Sales Dept\".\"Order Lines\"".replace("\"", ""), 50L);
    }
    @Test
    void rowSecurityPoliciesCollationsTriggerStatesAndCommentsArriveAsTheyWere(TestDatabase source,
            TestDatabase target) throws Exception {
        source.role("slipway_it_app", "NOLOGIN");
        source.execute("""
                CREATE SCHEMA app;
                COMMENT ON SCHEMA app IS 'the application''s schema';
                CREATE COLLATION app.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
                CREATE COLLATION app.plain (provider = libc, locale = 'C');
                CREATE DOMAIN app.code AS text COLLATE app.plain;
                CREATE TABLE app.notes (id int PRIMARY KEY, owner_name text COLLATE app.ci NOT NULL UNIQUE, body text,
                    tag app.code, CONSTRAINT body_short CHECK (length(body) < 1000));
                CREATE INDEX notes_owner_idx ON app.notes (owner_name);
                CREATE VIEW app.note_count AS SELECT count(*) AS n FROM app.notes;
                CREATE MATERIALIZED VIEW app.note_owners AS SELECT DISTINCT owner_name FROM app.notes;
                CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
                CREATE TRIGGER notes_touch BEFORE UPDATE ON app.notes FOR EACH ROW EXECUTE FUNCTION app.touch();
                CREATE TRIGGER notes_audit AFTER INSERT ON app.notes FOR EACH ROW EXECUTE FUNCTION app.touch();
                ALTER TABLE app.notes DISABLE TRIGGER notes_audit;
                CREATE TRIGGER notes_replica AFTER DELETE ON app.notes FOR EACH ROW EXECUTE FUNCTION app.touch();
                ALTER TABLE app.notes ENABLE REPLICA TRIGGER notes_replica;
                CREATE TYPE app.level AS ENUM ('low', 'high');
                INSERT INTO app.notes SELECT i, 'Owner' || i, 'note ' || i, 'T' || i FROM generate_series(1, 40) i;
                ALTER TABLE app.notes ENABLE ROW LEVEL SECURITY;
                ALTER TABLE app.notes FORCE ROW LEVEL SECURITY;
                CREATE POLICY own_rows ON app.notes FOR SELECT TO PUBLIC USING (owner_name = current_user);
                CREATE POLICY app_writes ON app.notes AS RESTRICTIVE FOR INSERT TO slipway_it_app
                    WITH CHECK (length(owner_name) > 0);
                CREATE SEQUENCE app.note_no;
                COMMENT ON SEQUENCE app.note_no IS 'numbers notes';
                COMMENT ON TABLE app.notes IS 'notes; one per row';
                COMMENT ON COLUMN app.notes.body IS 'free text: masked';
                COMMENT ON INDEX app.notes_owner_idx IS 'lookups by owner';
                COMMENT ON CONSTRAINT body_short ON app.notes IS 'keeps notes short';
                COMMENT ON VIEW app.note_count IS 'how many';
                COMMENT ON MATERIALIZED VIEW app.note_owners IS 'who writes';
                COMMENT ON FUNCTION app.touch() IS 'does nothing yet';
                COMMENT ON TRIGGER notes_touch ON app.notes IS 'on every update';
                COMMENT ON TYPE app.level IS 'how loud';
                COMMENT ON POLICY own_rows ON app.notes IS 'each sees their own';
                SELECT lo_from_bytea(0, 'a scanned passport');
                """);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "tables:\n  app.notes:\n    columns:\n"
                + "      id: keep\n      owner_name: keep\n      body: {transformer: hash, length: 12}\n      tag: keep\n");

        assertThat(shop.mask(source, target, rules, "--without-large-objects")).as(shop.out + shop.err).isZero();

        String policies = "SELECT string_agg(concat_ws('|', policyname, permissive, roles::text, cmd, qual, with_check), "
                + "' / ' ORDER BY policyname) FROM pg_policies WHERE schemaname = 'app'";
        assertThat(target.value(policies)).isEqualTo(source.value(policies)).contains("own_rows", "RESTRICTIVE",
                "slipway_it_app");
        String triggers = "SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger "
                + "WHERE tgrelid = 'app.notes'::regclass";
        assertThat(target.value(triggers)).isEqualTo(source.value(triggers))
                .isEqualTo("notes_audit:D,notes_replica:R,notes_touch:O");
        String security = "SELECT relrowsecurity || '/' || relforcerowsecurity FROM pg_class WHERE oid = 'app.notes'::regclass";
        assertThat(target.value(security)).isEqualTo("true/true");
        String comments = "SELECT string_agg(d.description, ' / ' ORDER BY d.description) FROM pg_description d "
                + "WHERE d.objoid IN (SELECT oid FROM pg_namespace WHERE nspname = 'app' UNION ALL SELECT oid FROM pg_class "
                + "WHERE relnamespace = 'app'::regnamespace UNION ALL SELECT oid FROM pg_proc WHERE pronamespace = "
                + "'app'::regnamespace UNION ALL SELECT oid FROM pg_type WHERE typnamespace = 'app'::regnamespace "
                + "UNION ALL SELECT oid FROM pg_constraint WHERE connamespace = 'app'::regnamespace UNION ALL "
                + "SELECT oid FROM pg_trigger WHERE tgname = 'notes_touch' UNION ALL SELECT oid FROM pg_policy "
                + "WHERE polname = 'own_rows')";
        assertThat(target.value(comments)).isEqualTo(source.value(comments)).contains("the application's schema",
                "free text: masked", "each sees their own");
        assertThat(target.value("SELECT count(*) FROM app.note_owners")).isEqualTo("40");
        assertThat(target.value("SELECT count(*) FROM app.notes WHERE owner_name = 'OWNER7'"))
                .as("the case-insensitive collation came along").isEqualTo("1");
        String collations = "SELECT string_agg(a.attname || ':' || co.collname, ',' ORDER BY a.attname) FROM pg_attribute a "
                + "JOIN pg_collation co ON co.oid = a.attcollation WHERE a.attrelid = 'app.notes'::regclass";
        assertThat(target.value(collations)).isEqualTo(source.value(collations)).isEqualTo("body:default,owner_name:ci,tag:plain");
        assertThat(GoldenMark.requireMasked(target.spec()).rowCounts()).containsEntry("app.notes", 40L);
        assertThat(shop.err).contains("warning: the source's 1 large object(s) are left behind (--without-large-objects)");
        assertThat(target.value("SELECT count(*) FROM pg_largeobject_metadata")).isEqualTo("0");

        assertThat(shop.mask(source, target, rules, "--without-large-objects")).as("a rerun over all of it: " + shop.err)
                .isZero();
        assertThat(target.value(policies)).isEqualTo(source.value(policies));
        assertThat(target.value(collations)).isEqualTo(source.value(collations));
    }

    @Test
    void tablesThatMaskNothingArriveExactlyAsTheyWereWhateverTheirTypes(TestDatabase source, TestDatabase target)
            throws Exception {
        source.execute("""
                CREATE EXTENSION IF NOT EXISTS pgcrypto;
                CREATE TYPE mood AS ENUM ('happy', 'sad');
                CREATE DOMAIN positive AS numeric(8,2) CHECK (VALUE > 0);
                CREATE TYPE pair AS (a int, b text);
                CREATE TABLE kept (id int PRIMARY KEY, m mood, p positive, n numeric, f float8, at timestamptz, d date,
                    i interval, u uuid DEFAULT gen_random_uuid(), b bytea, j jsonb, t text[], r int4range, tag text);
                CREATE TABLE kept_odd_types (id int PRIMARY KEY, moods mood[], x pair);
                INSERT INTO kept (id, m, p, n, f, at, d, i, b, j, t, r, tag)
                SELECT i, 'happy', i + 0.5, i * 1.000001, i / 3.0, now() - i * interval '1 day', date '2000-02-29' + i,
                       i * interval '1 hour', decode(md5(i::text), 'hex'), jsonb_build_object('k', i), ARRAY['a\tb', NULL],
                       int4range(i, i + 10), CASE WHEN i % 3 = 0 THEN NULL ELSE E'line\\nbreak' END
                FROM generate_series(1, 500) i;
                INSERT INTO kept_odd_types SELECT i, ARRAY['sad', 'happy']::mood[], ROW(i, 'b' || i)::pair
                FROM generate_series(1, 500) i;
                """);
        Path rules = Files.writeString(dir.resolve("rules.yaml"), "tables:\n  kept:\n    keep_all: true\n"
                + "  kept_odd_types:\n    keep_all: true\n");

        assertThat(shop.mask(source, target, rules, "--jobs", "2")).as(shop.out + shop.err).isZero();

        for (String table : new String[] {"kept", "kept_odd_types"}) {
            String all = "SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM " + table + " t";
            assertThat(target.value(all)).as(table).isEqualTo(source.value(all));
        }
        assertThat(shop.err).contains("copied  public.kept: 500 rows", "copied  public.kept_odd_types: 500 rows");
    }
}
