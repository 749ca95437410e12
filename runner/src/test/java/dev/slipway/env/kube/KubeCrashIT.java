package dev.slipway.env.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.testing.ApiRequestLog;
import dev.slipway.env.PreviewTarget;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import dev.slipway.testing.KubeFixture;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A crash between any two steps: the process dies before its k-th API request (for every k of a whole create, and of a
 * whole drop), then a fresh provider runs the same operation again; it converges, with exactly one of each object.
 */
@ExtendWith(PostgresExtension.class)
class KubeCrashIT {

    private KubeFixture kube;

    @AfterEach
    void stop() {
        if (kube != null) {
            kube.close();
        }
    }

    /** Fails the k-th request this client sends, before it leaves: the process "dies" there. */
    private static final class CrashAt implements Interceptor {
        private final int k;
        private final AtomicInteger sent = new AtomicInteger();

        CrashAt(int k) {
            this.k = k;
        }

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (sent.incrementAndGet() == k) {
                throw new IllegalStateException("simulated crash before request " + k + ": " + request.method() + " "
                        + request.uri().getPath());
            }
        }
    }

    private KubernetesProvider provider(KubernetesClient client) {
        return new KubernetesProvider(client, new KubernetesProvider.Settings(kube.settings(Duration.ofSeconds(20)),
                Duration.ofHours(72), Duration.ofSeconds(5), kube.address(),
                ManifestTemplates.fromFolder(RepoFolders.path("ephemeral"))));
    }

    private int requestsOfOneCreate(KubernetesProvider provider) {
        ApiRequestLog log = kube.cluster().requests();
        int mark = log.size();
        PreviewKey key = new PreviewKey("acme/shop", "1");
        provider.create(NamespaceNames.of(key), key, "head");
        return log.since(mark).size();
    }

    @Test
    void aCrashBeforeAnyRequestOfCreateConvergesOnTheNextCreate(TestDatabase golden) {
        kube = KubeFixture.start(golden.spec().withDatabase("postgres"), golden.name());
        kube.cluster().seedGolden(KubeFixture.GOLDEN_NAMESPACE, "golden-1", true);
        KubernetesProvider healthy = provider(kube.cluster().client());
        int n = requestsOfOneCreate(healthy);

        int crashes = 0;
        for (int k = 1; k <= n; k++) {
            PreviewKey key = new PreviewKey("acme/shop", String.valueOf(100 + k));
            String ns = NamespaceNames.of(key);
            CrashAt crash = new CrashAt(k);
            try {
                provider(kube.cluster().newClient(crash)).create(ns, key, "head");
            } catch (IllegalStateException | dev.slipway.SlipwayException e) {
                assertThat(e).hasStackTraceContaining("simulated crash");
                crashes++;
            }

            PreviewTarget target = healthy.create(ns, key, "head");

            assertExactlyOneOfEach(ns, target.connection().password());
            assertThat(kube.running(ns)).as("PostgreSQL of %s after a crash at request %d", ns, k).isTrue();
        }
        assertThat(crashes).as("crashes: at every step (2 golden reads, 10 creates, 3 readiness reads) at least")
                .isGreaterThanOrEqualTo(15);
        assertThat(healthy.inventory().previews()).hasSize(n + 1)
                .allSatisfy(p -> assertThat(p.state()).isEqualTo(PreviewState.BUILDING));
    }

    private void assertExactlyOneOfEach(String ns, String password) {
        KubernetesClient a = kube.cluster().admin();
        assertThat(a.resourceQuotas().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(a.limitRanges().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(a.network().networkPolicies().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(a.resources(VolumeSnapshot.class).inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(a.persistentVolumeClaims().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(a.services().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(a.apps().statefulSets().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(a.secrets().inNamespace(ns).list().getItems()).singleElement()
                .satisfies(s -> assertThat(s.getStringData()).containsEntry("password", password));
        assertThat(a.resources(VolumeSnapshotContent.class).list().getItems())
                .filteredOn(c -> c.getSpec().getVolumeSnapshotRef().getNamespace().equals(ns)).hasSize(1);
    }

    @Test
    void aCrashBeforeAnyRequestOfDropConvergesOnTheNextDrop(TestDatabase golden) {
        kube = KubeFixture.start(golden.spec().withDatabase("postgres"), golden.name());
        kube.cluster().seedGolden(KubeFixture.GOLDEN_NAMESPACE, "golden-1", true);
        KubernetesProvider healthy = provider(kube.cluster().client());
        for (int k = 1; k <= 5; k++) {
            PreviewKey key = new PreviewKey("acme/shop", String.valueOf(200 + k));
            healthy.create(NamespaceNames.of(key), key, "head");
            ActualPreview preview = healthy.inventory().previews().stream().filter(p -> p.key().equals(key))
                    .findFirst().orElseThrow();
            KubernetesProvider crashing = provider(kube.cluster().newClient(new CrashAt(k)));
            assertThatThrownBy(() -> crashing.drop(preview)).hasStackTraceContaining("simulated crash");

            ActualPreview again = healthy.inventory().previews().stream().filter(p -> p.key().equals(key))
                    .findFirst().orElse(null);
            if (again != null) {
                healthy.drop(again);
            }

            assertThat(kube.cluster().admin().namespaces().withName(preview.name()).get()).isNull();
            assertThat(kube.cluster().admin().resources(VolumeSnapshotContent.class).withName("slipway-"
                    + preview.name()).get()).as("content after a crash at request %d of a drop", k).isNull();
        }
    }
}
