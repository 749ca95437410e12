package dev.slipway.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import dev.slipway.mask.golden.GoldenMark;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad input: each is refused before a row is copied, with a message that says what to do; a run
 * that fails or is killed leaves a target no provider accepts, and a rerun starts it clean.
 */
@ExtendWith(PostgresExtension.class)
class MaskRefusalIT {

    @TempDir
    Path dir;

    private final ShopFixture shop = new ShopFixture();

    @Test
    void unknownTablesAndColumnsAreListedWithCloseMatches(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES.replace("public.orders:", "public.order:")
                .replace("full_name: name", "fullname: name"));

        int code = shop.mask(source, target, rules);

        assertThat(code).isEqualTo(2);
        assertThat(shop.err).contains("tables.public.order: no such table in the source; did you mean public.orders?")
                .contains("columns.fullname: no such column in public.customers; did you mean full_name?")
                .containsPattern("line \\d+: tables.public.order");
        assertThat(target.tableExists("customers")).isFalse();
    }

    @Test
    void brokenRulesAreReportedBeforeAnUnreachableSource() throws Exception {
        Path rules = ShopFixture.rules(dir, "tables: [unclosed");

        int code = shop.slipway("mask", "--check", "--source", "jdbc:postgresql://127.0.0.1:1/nowhere", "--rules",
                rules.toString());

        assertThat(code).isEqualTo(2);
        assertThat(shop.err).contains(rules.toString(), "is not valid YAML").doesNotContain("connect");
    }

    @Test
    void aTransformerThatDoesNotFitTheColumnTypeIsRefused(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES.replace("birth_date: {transformer: date_shift, days: 90}",
                "birth_date: email").replace("tags: 'null'", "tags: 'null'\n      status: keep\n").replace(
                "      status: keep\n      tags", "      tags"));

        int code = shop.mask(source, target, rules);

        assertThat(code).as(shop.err).isEqualTo(2);
        assertThat(shop.err).contains("columns.birth_date: transformer 'email' does not fit type date");
    }

    @Test
    void nullOnANotNullColumnIsRefused(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES.replace("full_name: name", "full_name: 'null'"));

        assertThat(shop.mask(source, target, rules)).isEqualTo(2);
        assertThat(shop.err).contains("columns.full_name: transformer 'null' on a NOT NULL column");
    }

    @Test
    void uncoveredColumnsStopTheRunBeforeAnyRowAndCheckListsThem(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        source.execute("ALTER TABLE orders ADD COLUMN gift_message text", "CREATE TABLE audit_log (id int, who text)");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);

        assertThat(shop.mask(source, target, rules)).isEqualTo(2);
        assertThat(shop.err).contains("3 columns have no rule", "public.orders.gift_message", "public.audit_log.id",
                "public.audit_log.who", "fail-closed");
        assertThat(target.tableExists("orders")).as("nothing copied").isFalse();

        shop.env.clear();
        assertThat(shop.slipway("mask", "--check", "--source", source.url(), "--source-user", source.user(), "--rules",
                rules.toString())).as("--check needs neither target nor secret").isEqualTo(1);
        assertThat(shop.out).contains("uncovered  public.orders.gift_message", "3 uncovered");
    }

    @Test
    void sourceAndTargetBeingTheSameDatabaseIsRefused(TestDatabase source) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        String sameViaLocalhost = source.url().replace("127.0.0.1", "localhost");

        int code = shop.slipway("mask", "--source", source.url(), "--source-user", source.user(), "--target",
                sameViaLocalhost, "--target-user", source.user(), "--rules", rules.toString());

        assertThat(code).isEqualTo(2);
        assertThat(shop.err).contains("are the same database");
        assertThat(source.value("SELECT count(*) FROM customers")).isEqualTo("300");
    }

    @Test
    void aMissingOrShortSecretIsRefusedWithoutPrintingIt(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        shop.env.clear();

        assertThat(shop.mask(source, target, rules)).isEqualTo(2);
        assertThat(shop.err).contains("SLIPWAY_MASK_SECRET is not set", "--secret-env");

        shop.env.put("SHORT", "tooshort");
        assertThat(shop.mask(source, target, rules, "--secret-env", "SHORT")).isEqualTo(2);
        assertThat(shop.err).contains("shorter than 16").doesNotContain("tooshort");
        assertThat(target.tableExists("customers")).isFalse();
    }

    @Test
    void aTargetThatIsSomeoneElsesDatabaseIsRefused(TestDatabase source, TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        target.execute("CREATE TABLE precious (id int)");

        assertThat(shop.mask(source, target, ShopFixture.rules(dir, ShopFixture.RULES))).isEqualTo(2);
        assertThat(shop.err).contains("holds objects (public.precious)", "not a Slipway golden");
        assertThat(target.tableExists("precious")).isTrue();
    }

    @Test
    void aFailedRunLeavesTheTargetIncompleteAndARerunStartsItClean(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        source.execute("ALTER TABLE customers ADD CONSTRAINT real_domain CHECK (email LIKE '%@mail.test')");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);

        assertThat(shop.mask(source, target, rules)).isEqualTo(4);
        assertThat(shop.err).contains("check constraint \"real_domain\"", "break this check", "marked incomplete");
        assertThat(target.value("SELECT status FROM slipway.golden")).isEqualTo("incomplete");
        assertThat(GoldenMark.read(target.spec()).orElseThrow().error()).startsWith("MASK_FAILED: ")
                .contains("real_domain").doesNotContain(ShopFixture.SECRET);
        assertThatThrownBy(() -> GoldenMark.requireMasked(target.spec())).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("marked incomplete").hasMessageContaining("and failed (MASK_FAILED: ")
                .satisfies(e -> assertThat(((SlipwayException) e).code()).isEqualTo(ErrorCode.GOLDEN_NOT_MASKED));

        source.execute("ALTER TABLE customers DROP CONSTRAINT real_domain");
        assertThat(shop.mask(source, target, rules)).as(shop.err).isZero();
        assertThat(GoldenMark.requireMasked(target.spec()).error()).as("a rerun clears the last failure").isNull();
        assertThat(target.value("SELECT count(*) FROM customers")).isEqualTo("300");
    }

    @Test
    void aRunKilledMidCopyStaysIncompleteIsNeverAcceptedAsGoldenAndARerunStartsItClean(TestDatabase source,
            TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        source.execute("INSERT INTO customers (email, full_name, phone, birth_date, profile) SELECT 'bulk' || i "
                + "|| '@mail.test', 'Bulk Person' || i, '+1 (555) 020-' || lpad((i % 10000)::text, 4, '0'), "
                + "date '1960-01-01' + i % 15000, jsonb_build_object('nick', 'bulk' || i, 'address', "
                + "jsonb_build_object('street', i || ' Oak Street')) FROM generate_series(1, 150000) i");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        Path log = dir.resolve("mask.log");
        ProcessBuilder pb = new ProcessBuilder(RepoFolders.packagedSlipway("mask", "--source", source.url(),
                "--source-user", source.user(), "--target", target.url(), "--target-user", target.user(),
                "--rules", rules.toString())).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SLIPWAY_MASK_SECRET", ShopFixture.SECRET);
        Process process = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                    !process.isAlive() || "t".equals(target.value("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE "
                            + "datname = current_database() AND query LIKE 'COPY %customers% FROM STDIN%' AND state = "
                            + "'active')")));
            assertThat(process.isAlive()).as("killed while copying; its log:%n%s", Files.readString(log)).isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }

        assertThat(target.value("SELECT status FROM slipway.golden")).isEqualTo("incomplete");
        assertThatThrownBy(() -> GoldenMark.requireMasked(target.spec())).as("what every preview provider asks")
                .isInstanceOf(SlipwayException.class).hasMessageContaining("marked incomplete")
                .satisfies(e -> assertThat(((SlipwayException) e).code()).isEqualTo(ErrorCode.GOLDEN_NOT_MASKED));

        assertThat(shop.mask(source, target, rules)).as(shop.err).isZero();
        assertThat(GoldenMark.requireMasked(target.spec()).rowCounts()).containsEntry("public.customers", 150_300L)
                .containsEntry("public.orders", 900L);
        assertThat(target.value("SELECT count(*) FROM customers")).isEqualTo("150300");
    }

    @Test
    void aReaderThatRowLevelSecurityWouldFilterFailsInsteadOfCopyingASubset(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        source.role("slipway_it_reader", "LOGIN");
        source.execute("GRANT USAGE ON SCHEMA public TO slipway_it_reader",
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO slipway_it_reader",
                "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO slipway_it_reader",
                // orders: no foreign key points at it, so nothing else would notice rows missing
                "ALTER TABLE orders ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY only_some ON orders FOR SELECT USING (id % 2 = 0)");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        List<String> asReader = List.of("--source", source.url(), "--source-user", "slipway_it_reader", "--target",
                target.url(), "--target-user", target.user(), "--rules", rules.toString());

        assertThat(shop.slipway(Stream.concat(Stream.of("mask"), asReader.stream()).toArray(String[]::new)))
                .as(shop.out + shop.err).isEqualTo(4);
        assertThat(shop.err).contains("copying public.orders failed", "row-level security", "BYPASSRLS",
                "marked incomplete");
        assertThat(target.value("SELECT status FROM slipway.golden")).isEqualTo("incomplete");

        assertThat(shop.mask(source, target, rules)).as("its owner reads every row").isZero();
        assertThat(target.value("SELECT count(*) FROM orders")).isEqualTo("900");
        assertThat(shop.slipway(Stream.concat(Stream.of("mask", "verify"), asReader.stream()).toArray(String[]::new)))
                .as("verify would check a subset: it fails too").isEqualTo(4);
        assertThat(shop.err).contains("row-level security", "BYPASSRLS");
    }

    @Test
    void policiesNamingRolesTheTargetServerLacksStopTheRunBeforeTheTargetChanges(TestDatabase source) throws Exception {
        ShopFixture.createShop(source);
        source.role("slipway_it_app", "NOLOGIN");
        source.execute("ALTER TABLE orders ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY app_reads ON orders FOR SELECT TO slipway_it_app USING (true)");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);
        try (EmbeddedServer other = EmbeddedServer.start()) {
            TestDatabase target = TestDatabase.create(other, "golden");

            assertThat(shop.mask(source, target, rules)).as(shop.out + shop.err).isEqualTo(2);
            assertThat(shop.err).contains("role slipway_it_app owns or is granted objects of the source, but the target "
                    + "server lacks it", "CREATE ROLE", "--create-missing-roles", "the target was not changed");
            assertThat(GoldenMark.read(target.spec())).as("no mark: nothing in the target changed").isEmpty();

            other.execute("CREATE ROLE golden_owner LOGIN");
            other.execute("CREATE DATABASE golden_plain OWNER golden_owner");
            ConnectionSpec plain = other.spec("golden_plain");
            assertThat(shop.slipway("mask", "--source", source.url(), "--source-user", source.user(), "--target",
                    plain.url(), "--target-user", "golden_owner", "--rules", rules.toString(), "--create-missing-roles"))
                    .as("a target user without CREATEROLE").isEqualTo(2);
            assertThat(shop.err).contains("cannot create role slipway_it_app", "give the target user CREATEROLE",
                    "may not create objects owned by " + source.user(), "the target was not changed");
            assertThat(GoldenMark.read(plain)).isEmpty();

            assertThat(shop.mask(source, target, rules, "--create-missing-roles")).as(shop.err).isZero();
            assertThat(shop.err).contains("created role slipway_it_app (NOLOGIN) on the target server");
            assertThat(target.value("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'slipway_it_app'")).isEqualTo("f");
            assertThat(GoldenMark.requireMasked(target.spec()).rowCounts()).containsEntry("public.orders", 900L);
        }
    }

    @Test
    void largeObjectsAndForeignServersAreRefusedBeforeTheTargetChanges(TestDatabase source, TestDatabase target)
            throws Exception {
        ShopFixture.createShop(source);
        source.execute("SELECT lo_from_bytea(0, 'a scanned passport')", "CREATE FOREIGN DATA WRAPPER slipway_it_fdw",
                "CREATE SERVER prod_reports FOREIGN DATA WRAPPER slipway_it_fdw",
                "CREATE USER MAPPING FOR PUBLIC SERVER prod_reports OPTIONS (password 'hunter2')");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES);

        assertThat(shop.mask(source, target, rules)).as(shop.out + shop.err).isEqualTo(2);
        assertThat(shop.err).contains("large objects", "--without-large-objects", "foreign server prod_reports",
                "user mapping for public on server prod_reports", "the target was not changed")
                .doesNotContain("hunter2");
        assertThat(GoldenMark.read(target.spec())).as("no mark: nothing in the target changed").isEmpty();
    }

    @Test
    void uniqueColumnsThatCollideAfterMaskingFailNamingTheColumnAndNeverDropRows(TestDatabase source,
                                                                                 TestDatabase target) throws Exception {
        ShopFixture.createShop(source);
        source.execute("CREATE TABLE handles (id int PRIMARY KEY, handle text NOT NULL UNIQUE)",
                "INSERT INTO handles SELECT i, 'handle' || i FROM generate_series(1, 3000) i");
        Path rules = ShopFixture.rules(dir, ShopFixture.RULES + """
                  public.handles:
                    columns:
                      id: keep
                      handle: first_name
                """);

        assertThat(shop.mask(source, target, rules)).isEqualTo(4);
        assertThat(shop.err).contains("masked values of public.handles (handle) are no longer unique",
                "No row was dropped").containsPattern("[\\d,]+ rows share [\\d,]+ masked values");
        assertThat(target.value("SELECT count(*) FROM handles")).isEqualTo("3000");
        assertThat(target.value("SELECT status FROM slipway.golden")).isEqualTo("incomplete");
    }
}
