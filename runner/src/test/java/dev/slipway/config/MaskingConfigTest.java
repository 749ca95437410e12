package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where masking-coverage finds its rules: {@code lint.masking}, a file beside slipway.yaml, and
 * {@code serve.repository.masking}, a path inside the watched repository read at each pull request's head.
 */
class MaskingConfigTest {

    @TempDir
    Path dir;

    private SlipwayConfig load(String lint, String repositoryMasking) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("slipway.yaml"), """
                migrations:
                  engine: flyway
                %s
                serve:
                  repository:
                    name: acme/shop
                    url: https://git.example/acme/shop.git
                %s
                  previews:
                    server: { url: "jdbc:postgresql://pg:5432/postgres", user: slipway }
                    golden: golden
                """.formatted(lint, repositoryMasking)));
    }

    @Test
    void neitherIsSetByDefault() throws IOException {
        SlipwayConfig c = load("", "");
        assertThat(c.lint().masking()).isNull();
        assertThat(c.serve().repository().masking()).isNull();
    }

    @Test
    void lintMaskingIsRelativeToTheFileAndServesIsAPathInTheRepository() throws IOException {
        SlipwayConfig c = load("lint:\n  masking: migrations/masking.yaml", "    masking: db/masking.yaml");
        assertThat(c.lint().masking()).isEqualTo(dir.toAbsolutePath().resolve("migrations/masking.yaml"));
        assertThat(c.serve().repository().masking()).isEqualTo("db/masking.yaml");
    }

    @Test
    void aBlankOrEscapingPathIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("lint:\n  masking: \"\"", "")).hasMessageContaining("key 'lint.masking'")
                .hasMessageContaining("expected the path of a file");
        for (String bad : new String[] {"/etc/masking.yaml", "../masking.yaml", "migrations/", "a//b.yaml", "\"\""}) {
            assertThatThrownBy(() -> load("", "    masking: " + bad)).as(bad)
                    .hasMessageContaining("key 'serve.repository.masking'")
                    .hasMessageContaining("inside the repository, e.g. migrations/masking.yaml");
        }
    }
}
