package dev.slipway.env.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.ConfigLoader;
import dev.slipway.config.MigrationSettings;
import dev.slipway.config.ServeConfig;
import dev.slipway.env.PreviewTarget;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import dev.slipway.testing.RepoFolders;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider against a real cluster (profile {@code kube-cluster}, run by hand with {@code KUBECONFIG}; never in CI):
 * a preview restored from the cluster's golden snapshot, PostgreSQL really started from it, the repository's
 * migrations applied through a port-forward, then dropped. Needs a CSI driver with snapshots, a ready VolumeSnapshot
 * labelled {@code slipway.dev/masked=true} with a {@code slipway.dev/rules-hash} in {@code SLIPWAY_TEST_GOLDEN_NAMESPACE}
 * (default {@code slipway-golden}), and {@code SLIPWAY_TEST_STORAGE_CLASS} when the default class cannot restore it.
 */
class RealClusterCheck {

    private final KubernetesClient client = new KubernetesClientBuilder().build();
    private final Map<String, LocalPortForward> forwards = new ConcurrentHashMap<>();

    @AfterEach
    void close() throws Exception {
        for (LocalPortForward f : forwards.values()) {
            f.close();
        }
        client.close();
    }

    /** A port-forward to the preview's pod, opened on first use: the cluster's Service DNS is out of reach here. */
    private PreviewAddress portForward() {
        return (namespace, service, database) -> "jdbc:postgresql://localhost:" + forwards.computeIfAbsent(namespace,
                ns -> client.pods().inNamespace(ns).withName("postgres-0").portForward(5432)).getLocalPort() + "/" + database;
    }

    @Test
    void createsMigratesAndDropsAPreviewOnARealCluster() {
        ServeConfig.Kubernetes d = ConfigLoader.kubernetesDefaults(env("SLIPWAY_TEST_GOLDEN_NAMESPACE", "slipway-golden"));
        ServeConfig.Kubernetes k = new ServeConfig.Kubernetes(d.goldenNamespace(), null, d.slipwayNamespace(),
                env("SLIPWAY_TEST_POSTGRES_IMAGE", d.postgresImage()), System.getenv("SLIPWAY_TEST_STORAGE_CLASS"), null,
                env("SLIPWAY_TEST_DATABASE", d.database()), d.user(), d.quota(), d.cpu(), d.memory(),
                Duration.ofMinutes(5), Duration.ofSeconds(2));
        KubernetesProvider provider = new KubernetesProvider(client, new KubernetesProvider.Settings(k,
                Duration.ofHours(1), Duration.ofSeconds(10), portForward(), ManifestTemplates.fromFolder(
                        RepoFolders.path("ephemeral"))));
        PreviewKey key = new PreviewKey("slipway-check/shop", UUID.randomUUID().toString().substring(0, 8));

        PreviewTarget target = provider.create(NamespaceNames.of(key), key, "check");
        try {
            MigrationReport report = new MigrateStep(new MigrateRequest(target.connection(), EngineKind.FLYWAY,
                    RepoFolders.path("migrations").resolve("flyway"), MigrationSettings.DEFAULT, false, null, null),
                    RunProgress.NONE).call();
            provider.mark(target, PreviewState.READY);
            assertThat(report.succeeded()).as(report.error()).isTrue();
        } finally {
            provider.inventory().previews().stream().filter(p -> p.key().equals(key)).forEach(provider::drop);
        }
        assertThat(client.namespaces().withName(target.name()).get()).isNull();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
