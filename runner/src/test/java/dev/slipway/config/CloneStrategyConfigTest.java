package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.config.ServeConfig.ClonePreference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve.previews.cloneStrategy}: auto by default, the two forced ones, and refusals that name the key. */
class CloneStrategyConfigTest {

    @TempDir
    Path dir;

    private Path write(String previews) throws IOException {
        return Files.writeString(dir.resolve("slipway.yaml"), """
                migrations:
                  engine: flyway
                state:
                  url: jdbc:postgresql://db:5432/slipway
                  user: slipway
                serve:
                  repository:
                    name: acme/shop
                    url: https://git.example/acme/shop.git
                  previews:
                %s""".formatted(previews.indent(4)));
    }

    private ClonePreference local(String extra) throws IOException {
        return ConfigLoader.load(write("server: {url: \"jdbc:postgresql://db/postgres\", user: slipway}\n"
                + "golden: golden\n" + extra)).serve().previews().cloneStrategy();
    }

    @Test
    void isAutoUnlessForced() throws IOException {
        assertThat(local("")).isEqualTo(ClonePreference.AUTO);
        assertThat(local("cloneStrategy: auto\n")).isEqualTo(ClonePreference.AUTO);
        assertThat(local("cloneStrategy: wal_log\n")).isEqualTo(ClonePreference.WAL_LOG);
        assertThat(local("cloneStrategy: FILE_COPY\n")).isEqualTo(ClonePreference.FILE_COPY);
    }

    @Test
    void refusesAnUnknownStrategyNamingTheKeyAndTheChoices() throws IOException {
        Path file = write("server: {url: \"jdbc:postgresql://db/postgres\", user: slipway}\ngolden: golden\n"
                + "cloneStrategy: reflink\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("serve.previews.cloneStrategy")
                .hasMessageContaining("expected auto, wal_log or file_copy, found 'reflink'");
    }

    @Test
    void isRefusedForTheKubernetesProvider() throws IOException {
        Path file = write("provider: kubernetes\ncloneStrategy: file_copy\nkubernetes: {goldenNamespace: golden}\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("serve.previews.cloneStrategy")
                .hasMessageContaining("only for provider: local");
    }
}
