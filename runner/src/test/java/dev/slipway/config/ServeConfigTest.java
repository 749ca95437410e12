package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}: {@code bindAddress} (every interface by default, an address or host name when set, nonsense refused)
 * and {@code status.comments} (on with a forge unless turned off, off without one, only a boolean).
 */
class ServeConfigTest {

    @TempDir
    Path dir;

    private ServeConfig load(String bindLine) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("slipway.yaml"), """
                migrations:
                  engine: flyway
                serve:
                  port: 8080
                %s
                  repository:
                    name: acme/shop
                    url: https://git.example/acme/shop.git
                  previews:
                    server: { url: "jdbc:postgresql://pg:5432/postgres", user: slipway }
                    golden: golden
                """.formatted(bindLine))).serve();
    }

    @Test
    void listensOnEveryInterfaceUnlessTold() throws IOException {
        assertThat(load("").bindAddress()).isEqualTo("0.0.0.0").isEqualTo(ServeConfig.ALL_INTERFACES);
    }

    @Test
    void takesAnAddressOrAHostName() throws IOException {
        assertThat(load("  bindAddress: 127.0.0.1").bindAddress()).isEqualTo("127.0.0.1");
        assertThat(load("  bindAddress: \"::1\"").bindAddress()).isEqualTo("::1");
        assertThat(load("  bindAddress: localhost").bindAddress()).isEqualTo("localhost");
    }

    @Test
    void refusesWhatIsNeitherNamingTheKey() {
        for (String bad : new String[] {"300.1.2.3", "\"http://0.0.0.0\"", "\"two words\""}) {
            assertThatThrownBy(() -> load("  bindAddress: " + bad)).as(bad)
                    .hasMessageContaining("serve.bindAddress").hasMessageContaining("0.0.0.0 for every interface");
        }
    }

    @Test
    void commentsAreOnWithAForgeUnlessTurnedOff() throws IOException {
        String forge = "  status: {forge: gitlab, apiUrl: \"https://gitlab.example/api/v4\", tokenEnv: GL_TOKEN%s}";
        assertThat(load(forge.formatted("")).status().comments()).isTrue();
        assertThat(load(forge.formatted(", comments: false")).status().comments()).isFalse();
    }

    @Test
    void commentsAreOffWithoutAForge() throws IOException {
        assertThat(load("").status().comments()).isFalse();
    }

    @Test
    void commentsMustBeABoolean() {
        assertThatThrownBy(() -> load("  status: {forge: github, apiUrl: \"https://api.github.com\", tokenEnv: T, "
                + "comments: sometimes}")).isInstanceOf(SlipwayException.class).hasMessageContaining("comments");
    }
}
