package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("slipway.yaml"), yaml);
    }

    @Test
    void readsReplicasBackfillDefaultsAndTheGatesReplicaLag() throws IOException {
        SlipwayConfig config = ConfigLoader.load(write("""
                environments:
                  prod:
                    url: jdbc:postgresql://primary/app
                    replicas:
                      - {name: replica-1, url: "jdbc:postgresql://r1/app", user: mon, passwordEnv: R1_PASSWORD}
                    backfill: {batch-time: 300ms, max-lag: 3s}
                    gate:
                      replicaLag: 10s
                """));

        EnvironmentConfig prod = config.environments().get("prod");
        assertThat(prod.replicas()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("replica-1");
            assertThat(r.connection()).isEqualTo(new ConnectionRef("jdbc:postgresql://r1/app", "mon", "R1_PASSWORD"));
        });
        assertThat(prod.backfill()).isEqualTo("batch-time=300ms max-lag=3s");
        assertThat(prod.gate().replicaLag()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aReplicaNeedsANameAndItsOwnUrlWithoutAPassword() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("environments:\n  prod:\n    url: jdbc:postgresql://p/app\n"
                + "    replicas:\n      - {url: \"jdbc:postgresql://r/app\"}\n")))
                .hasMessageContaining("environments.prod.replicas[0].name").hasMessageContaining("needs a name");
        assertThatThrownBy(() -> ConfigLoader.load(write("environments:\n  prod:\n    url: jdbc:postgresql://p/app\n"
                + "    replicas:\n      - {name: a, url: \"jdbc:postgresql://r/app?password=sekrit\"}\n")))
                .hasMessageContaining("environments.prod.replicas[0].url").hasMessageNotContaining("sekrit");
        assertThatThrownBy(() -> ConfigLoader.load(write("environments:\n  prod:\n    url: jdbc:postgresql://p/app\n"
                + "    replicas:\n      - {name: a, url: \"jdbc:postgresql://r/app\"}\n      - {name: a, url: "
                + "\"jdbc:postgresql://s/app\"}\n")))
                .hasMessageContaining("replica 'a' is named twice");
    }

    @Test
    void aZeroReplicaLagIsRefused() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load(write("environments:\n  prod:\n    url: jdbc:postgresql://p/app\n"
                + "    gate:\n      replicaLag: 0s\n")))
                .hasMessageContaining("environments.prod.gate.replicaLag").hasMessageContaining("positive duration");
    }
}
