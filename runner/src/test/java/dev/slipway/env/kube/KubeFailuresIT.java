package dev.slipway.env.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.testing.ClusterSimulator.Fault;
import dev.slipway.env.PreviewTarget;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.testing.KubeFixture;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a cluster does wrong, simulated: a snapshot that never becomes ready, a volume that stays pending, PostgreSQL
 * crash-looping, and the API server answering 409 or 500. Each fails within the configured time with an error that
 * says which step stuck and why, never with the password, and the next create converges.
 */
@ExtendWith(PostgresExtension.class)
class KubeFailuresIT {

    private static final PreviewKey KEY = new PreviewKey("acme/shop", "11");
    private static final String NS = NamespaceNames.of(KEY);
    private static final Duration SHORT = Duration.ofMillis(800);

    private KubeFixture kube;

    @AfterEach
    void stop() {
        if (kube != null) {
            kube.close();
        }
    }

    private KubernetesProvider start(TestDatabase golden, Fault fault, Duration readyTimeout) {
        kube = KubeFixture.start(golden.spec().withDatabase("postgres"), golden.name());
        kube.cluster().seedGolden(KubeFixture.GOLDEN_NAMESPACE, "golden-1", true);
        kube.cluster().fault(fault);
        return kube.provider(readyTimeout);
    }

    private KubernetesClient admin() {
        return kube.cluster().admin();
    }

    private String password() {
        return admin().secrets().inNamespace(NS).withName("postgres").get().getStringData().get("password");
    }

    @Test
    void aSnapshotThatNeverBecomesReadyFailsNamingItsContentAndDriver(TestDatabase golden) {
        KubernetesProvider provider = start(golden, Fault.SNAPSHOT_NEVER_READY, SHORT);

        assertThatThrownBy(() -> provider.create(NS, KEY, "abc"))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PREVIEW_FAILED))
                .hasMessageContaining("VolumeSnapshot " + NS + "/golden did not become ready to use within PT0.8S")
                .hasMessageContaining("pre-provisioned content slipway-" + NS)
                .hasMessageContaining("driver hostpath.csi.k8s.io")
                .hasMessageNotContaining(password());
    }

    @Test
    void aPendingVolumeFailsNamingTheStorageClassTheSnapshotAndItsEvents(TestDatabase golden) {
        KubernetesProvider provider = start(golden, Fault.VOLUME_PENDING, SHORT);

        assertThatThrownBy(() -> provider.create(NS, KEY, "abc"))
                .hasMessageContaining("PersistentVolumeClaim " + NS + "/data is Pending after PT0.8S")
                .hasMessageContaining("storage class 'fast-ssd'")
                .hasMessageContaining("restored from VolumeSnapshot " + NS + "/golden (golden slipway-golden/golden-1")
                .hasMessageContaining("ProvisioningFailed: storageclass.storage.k8s.io \"fast-ssd\" not found")
                .hasMessageNotContaining(password());
    }

    @Test
    void aCrashLoopingPodFailsWithItsStateAndEvents(TestDatabase golden) {
        KubernetesProvider provider = start(golden, Fault.CRASH_LOOP, SHORT);

        assertThatThrownBy(() -> provider.create(NS, KEY, "abc"))
                .hasMessageContaining("PostgreSQL in namespace " + NS + " is not ready after PT0.8S")
                .hasMessageContaining("container postgres waiting: CrashLoopBackOff (restarts 4)")
                .hasMessageContaining("BackOff: Back-off restarting failed container postgres")
                .hasMessageNotContaining(password());
        assertThat(kube.running(NS)).isFalse();
    }

    @Test
    void aFaultThatClearsLetsTheNextCreateConverge(TestDatabase golden) {
        KubernetesProvider provider = start(golden, Fault.VOLUME_PENDING, SHORT);
        assertThatThrownBy(() -> provider.create(NS, KEY, "abc")).isInstanceOf(SlipwayException.class);
        String first = password();

        kube.cluster().fault(Fault.NONE);
        PreviewTarget target = kube.provider(Duration.ofSeconds(20)).create(NS, KEY, "abc");

        assertThat(target.connection().password()).isEqualTo(first);
        assertThat(kube.running(NS)).isTrue();
        assertThat(admin().persistentVolumeClaims().inNamespace(NS).list().getItems()).hasSize(1);
    }

    @Test
    void aConflictOnCreateIsReadBackAndTheCreateGoesOn(TestDatabase golden) {
        KubernetesProvider provider = start(golden, Fault.NONE, Duration.ofSeconds(20));
        kube.cluster().server().expect().post().withPath("/api/v1/namespaces/" + NS + "/services")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("AlreadyExists").build()).once();

        provider.create(NS, KEY, "abc");

        assertThat(admin().services().inNamespace(NS).list().getItems()).hasSize(1);
        assertThat(kube.cluster().requests().all()).filteredOn(r -> r.path().equals("/api/v1/namespaces/" + NS
                + "/services")).extracting(r -> r.method()).containsExactly("POST", "POST");
    }

    @Test
    void aTransientServerErrorIsRetriedByTheClient(TestDatabase golden) {
        KubernetesProvider provider = start(golden, Fault.NONE, Duration.ofSeconds(20));
        kube.cluster().server().expect().post().withPath("/apis/apps/v1/namespaces/" + NS + "/statefulsets")
                .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcdserver: leader changed").build()).once();

        provider.create(NS, KEY, "abc");

        assertThat(kube.running(NS)).isTrue();
    }

    @Test
    void aPersistentServerErrorFailsNamingTheObjectAndTheNextCreateConverges(TestDatabase golden) {
        KubernetesProvider provider = start(golden, Fault.NONE, Duration.ofSeconds(20));
        kube.cluster().server().expect().post().withPath("/apis/apps/v1/namespaces/" + NS + "/statefulsets")
                .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcdserver: leader changed").build())
                .times(3);

        assertThatThrownBy(() -> provider.create(NS, KEY, "abc"))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PREVIEW_FAILED))
                .hasMessageContaining("cannot create StatefulSet " + NS + "/postgres: HTTP 500 etcdserver: leader changed")
                .hasMessageContaining("the next reconciliation tries again");
        provider.create(NS, KEY, "abc");

        assertThat(admin().apps().statefulSets().inNamespace(NS).list().getItems()).hasSize(1);
        assertThat(kube.running(NS)).isTrue();
    }
}
