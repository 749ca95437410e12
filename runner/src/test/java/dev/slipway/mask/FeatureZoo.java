package dev.slipway.mask;

import dev.slipway.testing.TestDatabase;

/**
 * A source database holding what real schemas hold and a hand-written catalog copy would lose: aggregates, range and
 * multirange types, an operator, rules, inheritance, multi-level and default partitions, ownership, grants, column
 * grants, default privileges, a nondeterministic collation, storage parameters, statistics targets and storage,
 * extended statistics, replica identity, exclusion, NOT VALID and deferrable constraints, an unlogged table, identity
 * and generated columns, views and a materialized view, a trigger, row-level security and a policy, a publication,
 * comments and an event trigger; with rows in every table and a sequence that has moved.
 */
final class FeatureZoo {

    static final String SCHEMA = """
            CREATE SCHEMA zoo AUTHORIZATION zoo_owner;
            COMMENT ON SCHEMA zoo IS 'the feature zoo';
            CREATE COLLATION zoo.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
            CREATE TYPE zoo.floatrange AS RANGE (subtype = float8);
            CREATE TYPE zoo.mood AS ENUM ('calm', 'busy');
            CREATE DOMAIN zoo.positive AS int CHECK (VALUE > 0);
            CREATE FUNCTION zoo.concat_sfunc(text, text) RETURNS text LANGUAGE sql IMMUTABLE
                AS $$ SELECT CASE WHEN $1 IS NULL THEN $2 ELSE $1 || ', ' || $2 END $$;
            CREATE AGGREGATE zoo.group_concat(text) (SFUNC = zoo.concat_sfunc, STYPE = text);
            CREATE FUNCTION zoo.same_length(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE
                AS $$ SELECT length($1) = length($2) $$;
            CREATE OPERATOR zoo.=== (LEFTARG = text, RIGHTARG = text, FUNCTION = zoo.same_length);
            CREATE TABLE zoo.people (
                id         int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email      text COLLATE zoo.ci NOT NULL UNIQUE,
                name       text NOT NULL,
                name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
                reach      zoo.floatrange,
                mood       zoo.mood NOT NULL DEFAULT 'calm'
            ) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05);
            ALTER TABLE zoo.people ALTER COLUMN name SET STATISTICS 500;
            ALTER TABLE zoo.people ALTER COLUMN name SET STORAGE EXTERNAL;
            ALTER TABLE zoo.people REPLICA IDENTITY FULL;
            CREATE STATISTICS zoo.people_stats (ndistinct, dependencies) ON email, name FROM zoo.people;
            COMMENT ON TABLE zoo.people IS 'people: emails are personal data';
            COMMENT ON COLUMN zoo.people.email IS 'compared case-insensitively';
            ALTER TABLE zoo.people OWNER TO zoo_owner;
            GRANT SELECT ON zoo.people TO zoo_reader;
            GRANT UPDATE (name) ON zoo.people TO zoo_reader;
            ALTER DEFAULT PRIVILEGES FOR ROLE zoo_owner IN SCHEMA zoo GRANT SELECT ON TABLES TO zoo_reader;
            CREATE TABLE zoo.notes (id int PRIMARY KEY, body text, deleted boolean NOT NULL DEFAULT false);
            CREATE RULE notes_soft_delete AS ON DELETE TO zoo.notes
                DO INSTEAD UPDATE zoo.notes SET deleted = true WHERE id = OLD.id;
            CREATE TABLE zoo.vehicles (id int, label text);
            CREATE TABLE zoo.cars (doors zoo.positive) INHERITS (zoo.vehicles);
            CREATE TABLE zoo.events (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL,
                PRIMARY KEY (id, at, kind)) PARTITION BY RANGE (at);
            CREATE TABLE zoo.events_2024 PARTITION OF zoo.events
                FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (kind);
            CREATE TABLE zoo.events_2024_click PARTITION OF zoo.events_2024 FOR VALUES IN ('click');
            CREATE TABLE zoo.events_2024_other PARTITION OF zoo.events_2024 DEFAULT;
            CREATE TABLE zoo.events_rest PARTITION OF zoo.events DEFAULT;
            CREATE INDEX events_kind_idx ON zoo.events (kind);
            CREATE TABLE zoo.bookings (
                id     int PRIMARY KEY,
                room   int NOT NULL,
                during tsrange NOT NULL,
                person int CONSTRAINT bookings_person_fk REFERENCES zoo.people (id) DEFERRABLE INITIALLY DEFERRED,
                EXCLUDE USING gist (during WITH &&)
            );
            ALTER TABLE zoo.bookings ADD CONSTRAINT bookings_room_positive CHECK (room > 0) NOT VALID;
            CREATE UNLOGGED TABLE zoo.cache (k text PRIMARY KEY, v jsonb);
            CREATE VIEW zoo.people_names AS SELECT zoo.group_concat(name ORDER BY name) AS names FROM zoo.people;
            CREATE MATERIALIZED VIEW zoo.event_counts AS SELECT kind, count(*) AS n FROM zoo.events GROUP BY kind;
            CREATE UNIQUE INDEX event_counts_kind ON zoo.event_counts (kind);
            CREATE FUNCTION zoo.touch() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN NEW.body := coalesce(NEW.body, ''); RETURN NEW; END $$;
            CREATE TRIGGER notes_touch BEFORE INSERT ON zoo.notes FOR EACH ROW EXECUTE FUNCTION zoo.touch();
            ALTER TABLE zoo.notes ENABLE ROW LEVEL SECURITY;
            CREATE POLICY notes_visible ON zoo.notes FOR SELECT TO zoo_reader USING (NOT deleted);
            CREATE PUBLICATION zoo_pub FOR TABLE zoo.people, zoo.notes;
            CREATE SEQUENCE zoo.invoice_no START 1000;
            SELECT nextval('zoo.invoice_no') FROM generate_series(1, 7);
            INSERT INTO zoo.people (email, name, reach, mood)
                SELECT 'Person' || i || '@Mail.test', 'Person ' || i, zoo.floatrange(i::float8, i + 1.5::float8),
                       CASE WHEN i % 3 = 0 THEN 'busy' ELSE 'calm' END::zoo.mood
                FROM generate_series(1, 40) i;
            INSERT INTO zoo.notes (id, body) SELECT i, 'note ' || i FROM generate_series(1, 10) i;
            INSERT INTO zoo.vehicles VALUES (1, 'bike'), (2, 'boat'), (3, 'kite');
            INSERT INTO zoo.cars VALUES (4, 'sedan', 4), (5, 'coupe', 2);
            INSERT INTO zoo.events SELECT i, date '2023-12-01' + i * 20, CASE WHEN i % 2 = 0 THEN 'click' ELSE 'view' END
                FROM generate_series(1, 30) i;
            INSERT INTO zoo.bookings SELECT i, i, tsrange(timestamp '2024-01-01' + i * interval '1 day',
                timestamp '2024-01-01' + i * interval '1 day' + interval '2 hours'), i FROM generate_series(1, 3) i;
            INSERT INTO zoo.cache VALUES ('a', '{"x": 1}'), ('b', NULL);
            REFRESH MATERIALIZED VIEW zoo.event_counts;
            CREATE FUNCTION zoo.log_ddl() RETURNS event_trigger LANGUAGE plpgsql
                AS $$ BEGIN RAISE NOTICE 'ddl: %', tg_tag; END $$;
            CREATE EVENT TRIGGER zoo_ddl ON ddl_command_end EXECUTE FUNCTION zoo.log_ddl();
            """;

    /** From PostgreSQL 14: column compression. */
    static final String SINCE_14 = "ALTER TABLE zoo.cache ALTER COLUMN v SET COMPRESSION pglz";

    static final String RULES = """
            domains: [zoo_email]
            tables:
              zoo.people:
                columns:
                  id: keep
                  email: {transformer: email, domain: zoo_email}
                  name: name
                  reach: keep
                  mood: keep
              zoo.notes:
                columns: {id: keep, body: hash, deleted: keep}
              zoo.vehicles:
                columns: {id: keep, label: keep}
              zoo.cars:
                columns: {id: keep, label: keep, doors: keep}
              zoo.events:
                columns: {id: keep, at: keep, kind: keep}
              zoo.bookings:
                columns: {id: keep, room: keep, during: keep, person: keep}
              zoo.cache:
                keep_all: true
            """;

    private FeatureZoo() {
    }

    /** Creates the zoo (and its roles, server-wide) in {@code db}; returns the server's major version. */
    static int create(TestDatabase db) {
        db.role("zoo_owner", "NOLOGIN");
        db.role("zoo_reader", "NOLOGIN");
        int major = Integer.parseInt(db.value("SHOW server_version_num")) / 10000;
        db.execute(SCHEMA);
        if (major >= 14) {
            db.execute(SINCE_14);
        }
        return major;
    }
}
