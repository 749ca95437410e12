package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("slipway.yaml"), yaml);
    }

    @Test
    void readsEngineLocationDefaultsAndEnvironments() throws IOException {
        Path file = write("""
                migrations:
                  engine: liquibase
                  location: db/changelog.yaml
                defaults:
                  lockTimeout: 3s
                  retry: { maxAttempts: 7, initialDelay: 500ms }
                environments:
                  prod:
                    url: jdbc:postgresql://db.prod:5432/app
                    user: app
                    passwordEnv: PROD_DB_PASSWORD
                    statementTimeout: 30m
                """);

        SlipwayConfig config = ConfigLoader.load(file);

        assertThat(config.engine()).isEqualTo("liquibase");
        assertThat(config.location()).isEqualTo(dir.resolve("db/changelog.yaml"));
        assertThat(config.defaults().lockTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.defaults().retry().maxAttempts()).isEqualTo(7);
        assertThat(config.defaults().retry().initialDelay()).isEqualTo(Duration.ofMillis(500));
        EnvironmentConfig prod = config.environments().get("prod");
        assertThat(prod.connection().passwordEnv()).isEqualTo("PROD_DB_PASSWORD");
        assertThat(prod.settings().statementTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(prod.settings().lockTimeout()).as("inherited from defaults").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void unknownKeyIsNamedWithTheFileAndTheAllowedKeys() throws IOException {
        Path file = write("defaults:\n  lockTimout: 3s\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown key 'defaults.lockTimout'")
                .hasMessageContaining("line 2")
                .hasMessageContaining("lockTimeout")
                .extracting(e -> ((SlipwayException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    }

    @Test
    void malformedYamlSaysWhere() throws IOException {
        Path file = write("defaults:\n  lockTimeout: [2s\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(SlipwayException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line");
    }

    @Test
    void badDurationNamesTheKey() throws IOException {
        Path file = write("environments:\n  staging:\n    url: jdbc:postgresql://h/db\n    lockTimeout: soon\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("environments.staging.lockTimeout")
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void zeroTimeoutIsRefused() throws IOException {
        Path file = write("defaults:\n  statementTimeout: 0s\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("statementTimeout must be greater than zero");
    }

    @Test
    void baselineVersionMustBeAFlywayVersion() throws IOException {
        Path file = write("environments:\n  legacy:\n    url: jdbc:postgresql://h/db\n    baselineVersion: v2\n");

        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("environments.legacy")
                .hasMessageContaining("baselineVersion must be a Flyway version");
    }

    @Test
    void passwordInTheUrlIsRefusedWithoutEchoingIt() throws IOException {
        Path file = write("environments:\n  prod:\n    url: jdbc:postgresql://h/db?password=hunter2\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("environments.prod.url")
                .hasMessageContaining("passwordEnv")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unknownEngineIsRefused() throws IOException {
        Path file = write("migrations:\n  engine: sqitch\n");

        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("migrations.engine")
                .hasMessageContaining("flyway or liquibase");
    }

    @Test
    void wrongTypeIsNamed() throws IOException {
        Path file = write("defaults:\n  retry:\n    maxAttempts: many\n");

        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("defaults.retry.maxAttempts")
                .hasMessageContaining("wrong type");
    }

    @Test
    void missingFileSaysWhatToDo() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("does not exist").hasMessageContaining("--config");
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        assertThat(ConfigLoader.load(write("")).defaults()).isEqualTo(MigrationSettings.DEFAULT);
    }

    @Test
    void readsTheLintSectionWithSizesDurationsAndSeverities() throws IOException {
        Path file = write("lint:\n  rules:\n    truncate: Warning\n    drop-column: off\n  maxFileSize: 2MB\n"
                + "  trace: { largeTable: 512kB, maxAccessExclusive: 250ms, rewriteTable: 0 }\n");

        LintConfig lint = ConfigLoader.load(file).lint();

        assertThat(lint.severities()).containsEntry("truncate", "warning").containsEntry("drop-column", "off");
        assertThat(lint.maxFileBytes()).isEqualTo(2L << 20);
        assertThat(lint.largeTableBytes()).isEqualTo(512L << 10);
        assertThat(lint.maxAccessExclusive()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(lint.rewriteTableBytes()).isZero();
        assertThat(ConfigLoader.load(write("migrations:\n  engine: flyway\n")).lint()).isEqualTo(LintConfig.DEFAULT);
    }

    @Test
    void badLintValuesNameTheKey() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("lint:\n  trace:\n    largeTable: big\n")))
                .hasMessageContaining("lint.trace.largeTable").hasMessageContaining("'big' is not a size");
        assertThatThrownBy(() -> ConfigLoader.load(write("lint:\n  rules:\n    truncate: fatal\n")))
                .hasMessageContaining("lint.rules.truncate").hasMessageContaining("expected one of error, warning, info, off");
        assertThatThrownBy(() -> ConfigLoader.load(write("lint:\n  trace:\n    rewrite: 1MB\n")))
                .hasMessageContaining("unknown key 'lint.trace.rewrite'").hasMessageContaining("rewriteTable");
    }

    @Test
    void sizesPrintLikePgSizePretty() {
        assertThat(Sizes.format(8192)).isEqualTo("8.0 kB");
        assertThat(Sizes.format(28L << 20)).isEqualTo("28 MB");
        assertThat(Sizes.format(100)).isEqualTo("100 bytes");
        assertThat(Sizes.parse("1GB", "x")).isEqualTo(1L << 30);
    }
}
