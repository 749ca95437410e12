package dev.slipway.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.LintConfig;
import dev.slipway.lint.rules.Rules;
import dev.slipway.migrate.EngineKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linter's handling of suppressions, configuration and bad input, over real files. */
class LinterTest {

    @TempDir
    Path dir;

    private LintReport lint(LintSettings settings) {
        List<LintMigration> migrations = new MigrationSources(dir, settings.maxFileBytes()).find(EngineKind.FLYWAY, dir, id -> true);
        return new Linter(Rules.all(), settings).lint(migrations);
    }

    private LintReport lint() {
        return lint(LintSettings.DEFAULT);
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    @Test
    void aSuppressionWithAReasonSilencesThatRuleOnThatStatementOnly() throws IOException {
        write("V1__a.sql", """
                -- slipway:allow create-index-not-concurrent reason: the table holds 12 rows
                CREATE INDEX a_idx ON orders (a);
                CREATE INDEX b_idx ON orders (b);
                """);
        assertThat(lint().findings()).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("create-index-not-concurrent", 3));
    }

    @Test
    void aSuppressionMayNameSeveralRulesAndSitInsideTheStatement() throws IOException {
        write("V1__a.sql", """
                ALTER TABLE orders /* slipway:allow drop-column, rename-column reason: unused since 2.3 */
                  DROP COLUMN legacy;
                """);
        assertThat(lint().findings()).isEmpty();
    }

    @Test
    void aSuppressionWithoutReasonIsItselfAFindingAndSuppressesNothing() throws IOException {
        write("V1__a.sql", "-- slipway:allow truncate\nTRUNCATE orders;\n");
        assertThat(lint().findings()).extracting(Finding::rule)
                .containsExactlyInAnyOrder("suppression-without-reason", "truncate");
    }

    @Test
    void anUnknownRuleInASuppressionIsAFindingThatSuggestsTheClosestId() throws IOException {
        write("V1__a.sql", "-- slipway:allow truncat reason: staging data\nTRUNCATE orders;\n");
        assertThat(lint().findings()).filteredOn(f -> f.rule().equals("suppression-unknown-rule"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("'truncat'", "did you mean truncate"));
    }

    @Test
    void configuredSeveritiesOverrideDefaultsAndOffDropsTheRule() throws IOException {
        write("V1__a.sql", "TRUNCATE orders;\nALTER TABLE orders DROP COLUMN x;\n");
        LintSettings settings = LintSettings.from(new LintConfig(Map.of("truncate", "warning", "drop-column", "off"),
                1 << 20, 1, Duration.ofSeconds(1), 1), Path.of("slipway.yaml"), Linter.ids(Rules.all()));
        LintReport report = lint(settings);
        assertThat(report.findings()).extracting(Finding::rule, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("truncate", Severity.WARNING));
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void anUnknownRuleIdInConfigurationIsRejectedWithCloseMatches() {
        LintConfig config = new LintConfig(Map.of("set-not-nul", "off"), 1, 1, Duration.ofSeconds(1), 1);
        assertThatThrownBy(() -> LintSettings.from(config, Path.of("slipway.yaml"), Linter.ids(Rules.all())))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining("slipway.yaml: key 'lint.rules.set-not-nul'")
                .hasMessageContaining("did you mean set-not-null")
                .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void unparseableSqlIsReportedWithItsPositionAndOtherFilesAreStillLinted() throws IOException {
        write("V1__a.sql", "TRUNCATE a;\nSELECT 'never closed\n;TRUNCATE b;");
        write("V2__b.sql", "CREAT INDEX x ON t (c);\nTRUNCATE c;");
        write("V3__c.sql", "TRUNCATE d;");
        LintReport report = lint();
        assertThat(report.findings()).extracting(Finding::file, Finding::line, Finding::rule).containsExactly(
                org.assertj.core.groups.Tuple.tuple("V1__a.sql", 1, "truncate"),
                org.assertj.core.groups.Tuple.tuple("V1__a.sql", 2, "syntax-error"),
                org.assertj.core.groups.Tuple.tuple("V2__b.sql", 1, "syntax-error"),
                org.assertj.core.groups.Tuple.tuple("V2__b.sql", 2, "truncate"),
                org.assertj.core.groups.Tuple.tuple("V3__c.sql", 1, "truncate"));
        assertThat(report.findings().get(1).message()).contains("unterminated string starting at line 2, column 8");
        assertThat(report.findings().get(2).message()).contains("'CREAT'");
    }

    @Test
    void binaryAndNonUtf8FilesAreReportedNotRead() throws IOException {
        Files.write(dir.resolve("V1__blob.sql"), new byte[] {'S', 'E', 'L', 0, 1, 2});
        Files.write(dir.resolve("V2__latin1.sql"), "SELECT 'caf\u00e9';".getBytes(StandardCharsets.ISO_8859_1));
        write("V3__ok.sql", "TRUNCATE t;");
        assertThat(lint().findings()).extracting(Finding::rule, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("unlintable-file", "V1__blob.sql is a binary file (a NUL byte at offset 3), not SQL text"),
                org.assertj.core.groups.Tuple.tuple("unlintable-file", "V2__latin1.sql is not UTF-8 text; save it as UTF-8"),
                org.assertj.core.groups.Tuple.tuple("truncate", "TRUNCATE of existing table t deletes all its rows under ACCESS EXCLUSIVE"));
    }

    @Test
    void aFileOverTheSizeLimitIsNotReadIntoMemory() throws IOException {
        write("V1__huge.sql", "SELECT 1;\n".repeat(300_000));
        LintSettings small = new LintSettings(Map.of(), 1024 * 1024, TraceThresholds.DEFAULT);
        assertThat(lint(small).findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("unlintable-file");
            assertThat(f.message()).contains("V1__huge.sql is 2 MB, more than the 1 MB", "lint.maxFileSize");
        });
    }

    @Test
    void aLocationWithoutMigrationsIsAnInputError() throws IOException {
        write("notes.txt", "not a migration");
        assertThatThrownBy(this::lint).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("no migrations in " + dir)
                .extracting(e -> ((SlipwayException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void migrationsAreLintedInFlywayVersionOrderAndEarlierOnesTeachTheCatalog() throws IOException {
        write("V1_10__widen.sql", "ALTER TABLE t ALTER COLUMN c TYPE varchar(40);");
        write("V1_9__add.sql", "ALTER TABLE t ADD COLUMN c varchar(20);");
        write("V1_11__narrow.sql", "ALTER TABLE t ALTER COLUMN c TYPE varchar(10);");
        assertThat(lint().findings()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("V1_11__narrow.sql");
            assertThat(f.message()).contains("from varchar(40) to varchar(10)");
        });
    }

    @Test
    void onlySelectedMigrationsAreReportedWhileAllBuildTheCatalog() throws IOException {
        write("V1__create.sql", "CREATE TABLE t (c varchar(20), d json);");
        write("V2__widen.sql", "ALTER TABLE t ALTER COLUMN c TYPE varchar(40);");
        List<LintMigration> all = new MigrationSources(dir, 1 << 20).find(EngineKind.FLYWAY, dir, id -> true);
        LintReport report = new Linter(Rules.all(), LintSettings.DEFAULT).lint(all, m -> m.name().startsWith("V2"));
        assertThat(report.findings()).isEmpty();
        assertThat(report.migrations()).isEqualTo(1);
    }

    @Test
    void flywayScriptConfigDecidesWhetherTheMigrationIsTransactional() throws IOException {
        write("V1__idx.sql", "CREATE INDEX CONCURRENTLY i ON t (c);");
        write("V1__idx.sql.conf", "executeInTransaction=true\n");
        assertThat(lint().findings()).extracting(Finding::rule).containsExactly("concurrently-in-transaction");
    }
}
