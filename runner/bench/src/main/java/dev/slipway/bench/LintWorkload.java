package dev.slipway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes the lint benchmark's migrations: versioned Flyway files whose statements cycle through the
 * shapes real migrations have (tables, columns, indexes, constraints, backfills, functions with
 * bodies, comments and strings), some safe and some not.
 */
final class LintWorkload {

    private static final String[] SHAPES = {
        "CREATE TABLE t%1$d (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    name text NOT NULL,\n"
                + "    amount numeric(12,2) NOT NULL DEFAULT 0,\n    created_at timestamptz NOT NULL DEFAULT now()\n);",
        "-- index for the lookup by name\nCREATE INDEX CONCURRENTLY t%1$d_name_idx ON t%1$d (name);",
        "ALTER TABLE t%2$d ADD COLUMN note_%1$d varchar(200);",
        "ALTER TABLE t%2$d ADD CONSTRAINT t%2$d_amount_%1$d CHECK (amount >= 0) NOT VALID;",
        "ALTER TABLE t%2$d VALIDATE CONSTRAINT t%2$d_amount_%1$d;",
        "UPDATE t%2$d SET name = lower(name) WHERE id BETWEEN %1$d AND %1$d + 1000;",
        "CREATE OR REPLACE FUNCTION f%1$d(x int) RETURNS int LANGUAGE plpgsql AS $fn$\nBEGIN\n"
                + "  -- CREATE INDEX here is text, not a statement\n  RETURN x * 2;\nEND;\n$fn$;",
        "INSERT INTO t%2$d (name, amount) VALUES ('it''s row %1$d; not a split', 12.50), (E'line\\\\n%1$d', 3);",
        "COMMENT ON COLUMN t%2$d.name IS 'the name /* not a comment */ shown to users';",
        "CREATE INDEX t%2$d_created_%1$d ON t%2$d (created_at);",
        "ALTER TABLE t%2$d ALTER COLUMN note_%1$d TYPE text;",
        "/* a block comment /* nested */ before */\nALTER TABLE t%2$d ADD COLUMN flag_%1$d boolean NOT NULL DEFAULT false;",
        "DELETE FROM t%2$d WHERE amount < 0 AND created_at < now() - interval '90 days';",
        "CREATE VIEW v%1$d AS SELECT id, name, amount FROM t%2$d WHERE amount > 100;",
        "ALTER TABLE t%2$d ADD COLUMN payload_%1$d jsonb;",
        "GRANT SELECT ON t%2$d TO reporting;",
        "ALTER TABLE t%2$d RENAME COLUMN note_%1$d TO remark_%1$d;",
        "DO $$ BEGIN RAISE NOTICE 'migrating %1$d'; END $$;",
        "ALTER TABLE t%2$d ADD COLUMN ref_%1$d bigint REFERENCES t%2$d (id);",
        "SELECT set_config('lock_timeout', '5s', true);",
    };

    private LintWorkload() {
    }

    /** Writes {@code files} migrations holding {@code statements} statements in all; returns the bytes written. */
    static long write(Path dir, int files, int statements) throws IOException {
        long bytes = 0;
        int n = 0;
        for (int f = 1; f <= files; f++) {
            StringBuilder sql = new StringBuilder("-- generated migration ").append(f).append('\n');
            int count = statements / files + (f <= statements % files ? 1 : 0);
            for (int i = 0; i < count; i++, n++) {
                int table = Math.max(1, n - n % SHAPES.length);
                sql.append(String.format(SHAPES[n % SHAPES.length], n, table)).append("\n\n");
            }
            Path file = dir.resolve("V" + f + "__generated_" + f + ".sql");
            Files.writeString(file, sql);
            bytes += Files.size(file);
        }
        return bytes;
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
