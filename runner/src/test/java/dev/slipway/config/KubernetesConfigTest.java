package dev.slipway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve.previews} with provider {@code kubernetes}: defaults, and one test per kind of bad input. */
class KubernetesConfigTest {

    @TempDir
    Path dir;

    private Path write(String previews) throws IOException {
        return Files.writeString(dir.resolve("slipway.yaml"), """
                migrations:
                  engine: flyway
                state:
                  url: jdbc:postgresql://db:5432/slipway
                  user: slipway
                  passwordEnv: STATE_PASSWORD
                serve:
                  repository:
                    name: acme/shop
                    url: https://git.example/acme/shop.git
                  previews:
                %s""".formatted(previews.indent(4)));
    }

    private void refused(String previews, String... fragments) throws IOException {
        Path file = write(previews);
        var thrown = assertThatThrownBy(() -> ConfigLoader.load(file));
        for (String f : fragments) {
            thrown.hasMessageContaining(f);
        }
    }

    @Test
    void readsTheKubernetesSectionWithDefaults() throws IOException {
        ServeConfig.Previews p = ConfigLoader.load(write("""
                provider: kubernetes
                kubernetes:
                  goldenNamespace: golden
                  storageClass: fast-ssd
                  quota:
                    memory: 8Gi
                  readyTimeout: 5m
                """)).serve().previews();

        ServeConfig.Kubernetes k = p.kubernetes();
        assertThat(p.provider()).isEqualTo("kubernetes");
        assertThat(p.server()).isNull();
        assertThat(k.goldenNamespace()).isEqualTo("golden");
        assertThat(k.goldenSnapshot()).isNull();
        assertThat(k.slipwayNamespace()).isEqualTo("slipway");
        assertThat(k.postgresImage()).isEqualTo("postgres:15");
        assertThat(k.storageClass()).isEqualTo("fast-ssd");
        assertThat(k.quota()).isEqualTo(new ServeConfig.Quota("2", "8Gi", "50Gi", 4));
        assertThat(k.readyTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(k.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ConfigLoader.kubernetesDefaults("golden")).isEqualTo(new ServeConfig.Kubernetes("golden", null,
                "slipway", "postgres:15", null, null, "postgres", "postgres", new ServeConfig.Quota("2", "4Gi", "50Gi", 4),
                "250m", "1Gi", Duration.ofMinutes(10), Duration.ofSeconds(2)));
    }

    @Test
    void anUnknownProviderIsNamed() throws IOException {
        refused("provider: nomad\n", "serve.previews.provider", "expected local or kubernetes, found 'nomad'");
    }

    @Test
    void kubernetesNeedsItsSection() throws IOException {
        refused("provider: kubernetes\n", "serve.previews.kubernetes", "goldenNamespace");
    }

    @Test
    void theSectionIsRefusedForTheLocalProvider() throws IOException {
        refused("""
                server: {url: "jdbc:postgresql://db/postgres", user: slipway}
                golden: golden
                kubernetes: {goldenNamespace: golden}
                """, "serve.previews.kubernetes", "only for provider: kubernetes");
    }

    @Test
    void aGoldenDatabaseNameIsRefusedForKubernetes() throws IOException {
        refused("provider: kubernetes\ngolden: golden_db\nkubernetes: {goldenNamespace: golden}\n",
                "serve.previews.golden", "goldenSnapshot");
    }

    @Test
    void namespacesMustBeDnsLabels() throws IOException {
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: Golden_NS}\n",
                "serve.previews.kubernetes.goldenNamespace", "found 'Golden_NS'");
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, slipwayNamespace: \"" + "a".repeat(64) + "\"}\n",
                "serve.previews.kubernetes.slipwayNamespace");
    }

    @Test
    void quantitiesMustBeKubernetesQuantities() throws IOException {
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, quota: {memory: 4GB}}\n",
                "serve.previews.kubernetes.quota.memory", "found '4GB'");
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, volumeSize: lots}\n",
                "serve.previews.kubernetes.volumeSize");
    }

    @Test
    void quotaMustAdmitOnePod() throws IOException {
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, quota: {pods: 0}}\n",
                "serve.previews.kubernetes.quota.pods", "at least 1");
    }

    @Test
    void anImageWithSpacesIsRefused() throws IOException {
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, postgresImage: \"postgres:15; rm -rf /\"}\n",
                "serve.previews.kubernetes.postgresImage");
    }

    @Test
    void timeoutsMustBePositiveAndThePollShorter() throws IOException {
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, readyTimeout: 0s}\n",
                "serve.previews.kubernetes.readyTimeout", "positive");
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, readyTimeout: 5s, pollInterval: 10s}\n",
                "serve.previews.kubernetes.pollInterval", "not be longer than readyTimeout");
    }

    @Test
    void withoutAServerTheStateSectionIsRequired() throws IOException {
        Path file = Files.writeString(dir.resolve("nostate.yaml"), """
                serve:
                  repository: {name: acme/shop, url: "https://git.example/acme/shop.git"}
                  previews:
                    provider: kubernetes
                    kubernetes: {goldenNamespace: g}
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("key 'state'")
                .hasMessageContaining("add a state: section");
    }

    @Test
    void anUnknownKeyInTheSectionIsNamed() throws IOException {
        refused("provider: kubernetes\nkubernetes: {goldenNamespace: g, storgeClass: x}\n", "storgeClass", "storageClass");
    }

    @Test
    void readsTheGoldenRefreshWithDefaultsAndTheRulesBesideTheConfig() throws IOException {
        Files.writeString(dir.resolve("masking.yaml"), "tables: {}\n");
        ServeConfig.GoldenRefresh r = ConfigLoader.load(write(REFRESH)).serve().previews().refresh();

        assertThat(r.every()).isEqualTo(Duration.ofHours(24));
        assertThat(r.keep()).isEqualTo(3);
        assertThat(r.rules()).isEqualTo(dir.resolve("masking.yaml").toAbsolutePath().normalize());
        assertThat(r.volumeSize()).isEqualTo("20Gi");
        assertThat(r.timeout()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void refusesAGoldenRefreshMissingWhatTheJobNeeds() throws IOException {
        refused(REFRESH.replace("    sourceSecret: golden-source\n", ""), "serve.previews.kubernetes.refresh",
                "sourceSecret", "SOURCE_URL");
    }

    @Test
    void refusesKeepingNoGolden() throws IOException {
        Files.writeString(dir.resolve("masking.yaml"), "tables: {}\n");
        refused(REFRESH + "    keep: 0\n", "serve.previews.kubernetes.refresh.keep", "at least 1");
    }

    @Test
    void refusesRulesThatAreNotThere() throws IOException {
        refused(REFRESH, "serve.previews.kubernetes.refresh.rules", "no file at");
    }

    private static final String REFRESH = """
            provider: kubernetes
            kubernetes:
              goldenNamespace: golden
              refresh:
                sourceSecret: golden-source
                rulesConfigMap: golden-rules
                rules: masking.yaml
                image: ghcr.io/acme/slipway:1.4.0
            """;
}
