package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve.status.comments}: on with a forge unless turned off; off without a forge; only a boolean. */
class ServeCommentsConfigTest {

    @TempDir
    Path dir;

    private ServeConfig load(String status) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("slipway.yaml"), """
                migrations:
                  engine: flyway
                serve:
                  port: 8080
                  repository:
                    name: acme/shop
                    url: https://git.example/acme/shop.git
                %s
                  previews:
                    server: { url: "jdbc:postgresql://pg:5432/postgres", user: slipway }
                    golden: golden
                """.formatted(status))).serve();
    }

    @Test
    void onWithAForgeUnlessTurnedOff() throws IOException {
        String forge = "  status: {forge: gitlab, apiUrl: \"https://gitlab.example/api/v4\", tokenEnv: GL_TOKEN%s}";
        assertThat(load(forge.formatted("")).status().comments()).isTrue();
        assertThat(load(forge.formatted(", comments: false")).status().comments()).isFalse();
    }

    @Test
    void offWithoutAForge() throws IOException {
        assertThat(load("").status().comments()).isFalse();
    }

    @Test
    void somethingElseThanABooleanIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("  status: {forge: github, apiUrl: \"https://api.github.com\", tokenEnv: T, "
                + "comments: sometimes}")).isInstanceOf(SlipwayException.class).hasMessageContaining("comments");
    }
}
