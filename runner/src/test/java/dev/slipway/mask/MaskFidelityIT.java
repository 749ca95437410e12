package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.db.Libpq;
import dev.slipway.mask.schema.PgClient;
import dev.slipway.mask.schema.PgProgram;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden is the source's database, masked: a "feature zoo" of what real schemas hold arrives whole, as
 * {@code pg_dump --schema-only} of source and golden shows (Slipway's own schema aside), with the same rows in every
 * table and the same sequence values, and {@code mask verify} finds no clear value.
 */
@ExtendWith(PostgresExtension.class)
class MaskFidelityIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    @Test
    void aFeatureZooArrivesWholeSchemaRowsAndSequencesAndVerifyPasses(TestDatabase source, TestDatabase target)
            throws Exception {
        int major = FeatureZoo.create(source);
        Path rules = Files.writeString(dir.resolve("masking.yaml"), FeatureZoo.RULES);

        int code = shop.mask(source, target, rules, "--jobs", "2");

        assertThat(code).as(shop.out + shop.err).isZero();
        assertThat(schemaDump(target, major)).isEqualTo(schemaDump(source, major));
        assertThat(rowsPerTable(target)).isEqualTo(rowsPerTable(source)).isNotEmpty();
        assertThat(sequences(target)).isEqualTo(sequences(source)).isNotEmpty();
        assertThat(shop.verify(source, target, rules)).as(shop.out + shop.err).isZero();
    }

    @Test
    void aRerunIntoTheGoldenGivesTheSameSchemaAgain(TestDatabase source, TestDatabase target) throws Exception {
        int major = FeatureZoo.create(source);
        Path rules = Files.writeString(dir.resolve("masking.yaml"), FeatureZoo.RULES);
        assertThat(shop.mask(source, target, rules)).as(shop.out + shop.err).isZero();

        int code = shop.mask(source, target, rules);

        assertThat(code).as(shop.out + shop.err).isZero();
        assertThat(schemaDump(target, major)).isEqualTo(schemaDump(source, major));
        assertThat(rowsPerTable(target)).isEqualTo(rowsPerTable(source));
    }

    /** What pg_dump prints of the schema, without Slipway's schema and the per-run {@code \restrict} key. */
    static String schemaDump(TestDatabase db, int major) {
        PgClient client = PgClient.find(System.getenv(PgClient.ENV), System.getenv(), major).orElseThrow(() -> new IllegalStateException(
                "no pg_dump for PostgreSQL " + major + ": run .ci/pg-client and set SLIPWAY_PG_BIN"));
        String dump = PgProgram.run(List.of(client.pgDump().toString(), "--schema-only", "--no-subscriptions",
                        "--exclude-schema=slipway", "--no-password"), Libpq.environment(db.spec(), "slipway-test",
                        System.getenv()), "pg_dump of " + db.name(), null);
        List<String> lines = new ArrayList<>();
        dump.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict")).forEach(lines::add);
        return String.join("\n", lines);
    }

    /** Rows of each table of its own ({@code FROM ONLY}), partitions and inheritance children apart. */
    static Map<String, String> rowsPerTable(TestDatabase db) {
        List<String> tables = db.column("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', "
                + "'information_schema', 'slipway') AND n.nspname NOT LIKE 'pg\\_toast%' ORDER BY 1");
        Map<String, String> rows = new java.util.TreeMap<>();
        tables.forEach(t -> rows.put(t, db.value("SELECT count(*) FROM ONLY " + t)));
        return rows;
    }

    static Map<String, String> sequences(TestDatabase db) {
        Map<String, String> values = new java.util.TreeMap<>();
        db.column("SELECT format('%I.%I', schemaname, sequencename) || ' ' || coalesce(last_value::text, 'unset') "
                + "FROM pg_sequences WHERE schemaname <> 'slipway' ORDER BY 1").forEach(l -> {
                    int space = l.lastIndexOf(' ');
                    values.put(l.substring(0, space), l.substring(space + 1));
                });
        return values;
    }
}
