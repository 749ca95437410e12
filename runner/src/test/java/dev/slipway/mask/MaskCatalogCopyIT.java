package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.mask.golden.GoldenMark;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without pg_dump ({@code --pg-bin none}, as on a machine with only Java) the schema comes from the catalog: exact for
 * a plain schema such as the demo's, refused for anything more, naming what it would lose.
 */
@ExtendWith(PostgresExtension.class)
class MaskCatalogCopyIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    @Test
    void theDemosPlainSchemaIsCopiedExactlyFromTheCatalog(TestDatabase source, TestDatabase target) throws Exception {
        assertThat(shop.slipway("migrate", "--url", source.url(), "--user", source.user(), "--engine", "flyway",
                "--location", RepoFolders.path("migrations/flyway").toString())).as(shop.out + shop.err).isZero();
        source.execute(Files.readString(RepoFolders.path("migrations/demo/personal-data.sql")));
        Path rules = RepoFolders.path("migrations/masking.yaml");

        int code = shop.mask(source, target, rules, "--pg-bin", "none");

        assertThat(code).as(shop.out + shop.err).isZero();
        assertThat(shop.out).contains("schema by catalog");
        int major = Integer.parseInt(source.value("SHOW server_version_num")) / 10000;
        assertThat(MaskFidelityIT.schemaDump(target, major)).isEqualTo(MaskFidelityIT.schemaDump(source, major));
        assertThat(MaskFidelityIT.rowsPerTable(target)).isEqualTo(MaskFidelityIT.rowsPerTable(source));
        assertThat(MaskFidelityIT.sequences(target)).isEqualTo(MaskFidelityIT.sequences(source));
        assertThat(shop.verify(source, target, rules)).as(shop.out + shop.err).isZero();
    }

    @Test
    void aSchemaTheCatalogCopyWouldLoseIsRefusedNamingEveryObjectBeforeTheTargetChanges(TestDatabase source,
            TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        source.execute("ALTER TABLE orders SET (fillfactor = 90)", "COMMENT ON TABLE customers IS 'people'",
                "GRANT SELECT ON orders TO PUBLIC");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);

        int code = shop.mask(source, target, rules, "--pg-bin", "none");

        assertThat(code).as(shop.out + shop.err).isEqualTo(2);
        assertThat(shop.err).contains("pg_dump is turned off (--pg-bin none)", "view public.big_orders",
                "function public.order_count(bigint)", "type public.status", "type public.us_zip",
                "public.orders: storage parameters", "public.orders: privileges", "public.customers: comments",
                "column public.customers.status: type public.status", "postgresql-client-N", "--pg-bin",
                "the target was not changed");
        assertThat(GoldenMark.read(target.spec())).as("no mark: nothing in the target changed").isEmpty();
    }

    @Test
    void aPgBinThatCannotDumpTheSourceIsRefused(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        Path empty = Files.createDirectories(dir.resolve("no-client"));

        int code = shop.mask(source, target, ShopFixture.rules(dir, ShopFixture.RULES), "--pg-bin", empty.toString());

        assertThat(code).as(shop.out + shop.err).isEqualTo(2);
        assertThat(shop.err).contains(empty.toString(), "no pg_dump that runs there", "--pg-bin", "SLIPWAY_PG_BIN",
                "the target was not changed");
        assertThat(GoldenMark.read(target.spec())).isEmpty();
    }
}
