package dev.slipway.env.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.MigrationSettings;
import dev.slipway.env.EnvironmentProvider;
import dev.slipway.env.PreviewTarget;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.plan.Action;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.DesiredPreview;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.Plan;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import dev.slipway.plan.ReconcilePolicy;
import dev.slipway.plan.Reconciler;
import dev.slipway.testing.KubeFixture;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provider on the mock API server with the simulated controller, and a real PostgreSQL behind each preview. */
@ExtendWith(PostgresExtension.class)
class KubernetesProviderIT {

    private static final PreviewKey KEY = new PreviewKey("acme/shop", "7");
    private static final String NS = NamespaceNames.of(KEY);

    private KubeFixture kube;

    @AfterEach
    void stop() {
        if (kube != null) {
            kube.close();
        }
    }

    private KubernetesProvider start(TestDatabase golden, boolean masked) {
        kube = KubeFixture.start(golden.spec().withDatabase("postgres"), golden.name());
        kube.cluster().seedGolden(KubeFixture.GOLDEN_NAMESPACE, "golden-1", masked);
        return kube.provider(Duration.ofSeconds(20));
    }

    private KubernetesClient admin() {
        return kube.cluster().admin();
    }

    @Test
    void createsAPreviewFromTheMaskedGoldenMigratesItAndDropsItWithItsContent(TestDatabase golden) {
        KubernetesProvider provider = start(golden, true);

        PreviewTarget target = provider.create(NS, KEY, "abc123");
        MigrationReport report = new MigrateStep(new MigrateRequest(target.connection(), EngineKind.FLYWAY,
                RepoFolders.path("migrations").resolve("flyway"), MigrationSettings.DEFAULT, false, null, null),
                RunProgress.NONE).call();
        provider.mark(target, PreviewState.READY);

        assertThat(report.succeeded()).as(report.error()).isTrue();
        assertThat(kube.running(NS)).isTrue();
        assertThat(target.connection().url()).endsWith("/" + NS);
        assertNamespace(admin().namespaces().withName(NS).get(), "abc123", "ready");
        assertSnapshotBinding();
        assertPostgres(target.connection().password());
        EnvironmentProvider.Inventory inventory = provider.inventory();
        assertThat(inventory.previews()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo(KEY);
            assertThat(p.state()).isEqualTo(PreviewState.READY);
            assertThat(p.headSha()).isEqualTo("abc123");
        });
        assertThat(provider.connectionInfo(NS).toString()).doesNotContain(target.connection().password());

        provider.drop(inventory.previews().get(0));

        assertThat(admin().namespaces().withName(NS).get()).isNull();
        assertThat(admin().resources(VolumeSnapshotContent.class).withName("slipway-" + NS).get()).isNull();
        assertThat(admin().resources(VolumeSnapshot.class).inNamespace(KubeFixture.GOLDEN_NAMESPACE).withName("golden-1")
                .get()).isNotNull();
        assertThat(provider.inventory().previews()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> !kube.running(NS));
    }

    private void assertNamespace(Namespace ns, String head, String state) {
        assertThat(ns.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "slipway")
                .containsEntry("slipway.dev/repo", "acme.shop").containsEntry("slipway.dev/pr", "7");
        Map<String, String> a = ns.getMetadata().getAnnotations();
        assertThat(a).containsEntry("slipway.dev/head-commit", head).containsEntry("slipway.dev/state", state)
                .containsEntry("slipway.dev/golden", KubeFixture.GOLDEN_NAMESPACE + "/golden-1");
        Instant created = Instant.parse(a.get("slipway.dev/created-at"));
        assertThat(Instant.parse(a.get("slipway.dev/expires-at"))).isEqualTo(created.plus(Duration.ofHours(72)));
        assertThat(admin().resourceQuotas().inNamespace(NS).withName("preview").get().getSpec().getHard())
                .containsKeys("requests.cpu", "requests.memory", "requests.storage", "pods");
        assertThat(admin().limitRanges().inNamespace(NS).withName("preview").get()).isNotNull();
        NetworkPolicy np = admin().network().networkPolicies().inNamespace(NS).withName("preview-isolation").get();
        assertThat(np.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(np.getSpec().getIngress().get(0).getFrom().get(1).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "slipway");
    }

    private void assertSnapshotBinding() {
        VolumeSnapshot goldenVs = admin().resources(VolumeSnapshot.class).inNamespace(KubeFixture.GOLDEN_NAMESPACE)
                .withName("golden-1").get();
        VolumeSnapshotContent goldenContent = admin().resources(VolumeSnapshotContent.class)
                .withName(goldenVs.getStatus().getBoundVolumeSnapshotContentName()).get();
        VolumeSnapshotContent content = admin().resources(VolumeSnapshotContent.class).withName("slipway-" + NS).get();
        assertThat(content.getSpec().getDeletionPolicy()).isEqualTo("Retain");
        assertThat(content.getSpec().getDriver()).isEqualTo(goldenContent.getSpec().getDriver());
        assertThat(content.getSpec().getSource().getSnapshotHandle())
                .isEqualTo(goldenContent.getStatus().getSnapshotHandle());
        assertThat(content.getSpec().getVolumeSnapshotRef().getNamespace()).isEqualTo(NS);
        VolumeSnapshot vs = admin().resources(VolumeSnapshot.class).inNamespace(NS).withName("golden").get();
        assertThat(vs.getSpec().getSource().getVolumeSnapshotContentName()).isEqualTo("slipway-" + NS);
        PersistentVolumeClaim pvc = admin().persistentVolumeClaims().inNamespace(NS).withName("data").get();
        assertThat(pvc.getSpec().getDataSource().getName()).isEqualTo("golden");
        assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("1073741824");
    }

    private void assertPostgres(String password) {
        Secret secret = admin().secrets().inNamespace(NS).withName("postgres").get();
        assertThat(password).hasSize(32).isEqualTo(secret.getStringData().get("password"));
        StatefulSet set = admin().apps().statefulSets().inNamespace(NS).withName("postgres").get();
        var pod = set.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container pg = pod.getContainers().get(0);
        assertThat(pg.getImage()).isEqualTo("postgres:15");
        assertThat(pg.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(pg.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pg.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(pg.getResources().getLimits()).doesNotContainKey("cpu");
        assertThat(String.join(" ", pg.getReadinessProbe().getExec().getCommand())).contains("pg_isready");
        assertThat(admin().services().inNamespace(NS).withName("postgres").get().getSpec().getPorts().get(0).getPort())
                .isEqualTo(5432);
    }

    @Test
    void refusesAGoldenSnapshotNotLabelledMaskedAndCreatesNothing(TestDatabase golden) {
        KubernetesProvider provider = start(golden, false);

        assertThatThrownBy(() -> provider.create(NS, KEY, "abc"))
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.GOLDEN_NOT_MASKED))
                .hasMessageContaining("no ready VolumeSnapshot labelled slipway.dev/masked=true in namespace slipway-golden");
        assertThat(admin().namespaces().withName(NS).get()).isNull();
    }

    @Test
    void refusesANamedGoldenWithoutTheMaskedLabel(TestDatabase golden) {
        start(golden, false);
        var named = new KubernetesProvider(kube.cluster().client(), new KubernetesProvider.Settings(
                withSnapshot(kube.settings(Duration.ofSeconds(5)), "golden-1"), Duration.ofHours(1), Duration.ofSeconds(5),
                kube.address(), ManifestTemplates.fromFolder(RepoFolders.path("ephemeral"))));

        assertThatThrownBy(() -> named.create(NS, KEY, "abc"))
                .hasMessageContaining("refusing VolumeSnapshot slipway-golden/golden-1 as the golden")
                .hasMessageContaining("not labelled slipway.dev/masked=true");
        assertThat(admin().resources(VolumeSnapshotContent.class).withName("slipway-" + NS).get()).isNull();
    }

    private static dev.slipway.config.ServeConfig.Kubernetes withSnapshot(dev.slipway.config.ServeConfig.Kubernetes k,
                                                                          String snapshot) {
        return new dev.slipway.config.ServeConfig.Kubernetes(k.goldenNamespace(), snapshot, k.slipwayNamespace(),
                k.postgresImage(), k.storageClass(), k.volumeSize(), k.database(), k.user(), k.quota(), k.cpu(),
                k.memory(), k.readyTimeout(), k.pollInterval());
    }

    @Test
    void anUnlabelledNamespaceWithAPreviewsNameIsForeignAndNeverTouched(TestDatabase golden) {
        KubernetesProvider provider = start(golden, true);
        admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .addToLabels("team", "payments").endMetadata().build()).create();

        EnvironmentProvider.Inventory inventory = provider.inventory();
        assertThatThrownBy(() -> provider.create(NS, KEY, "abc")).hasMessageContaining("Namespace " + NS
                + " exists without Slipway's labels");
        assertThatThrownBy(() -> provider.drop(new ActualPreview(NS, KEY, "abc", PreviewState.READY, Instant.now())))
                .hasMessageContaining("refusing to delete namespace " + NS);

        assertThat(inventory.foreign()).extracting(ActualPreview.Foreign::name).containsExactly(NS);
        assertThat(inventory.previews()).isEmpty();
        Namespace ns = admin().namespaces().withName(NS).get();
        assertThat(ns.getMetadata().getLabels()).containsExactly(Map.entry("team", "payments"));
        assertThat(ns.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(admin().resourceQuotas().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void aNamespaceOfAnotherPullRequestIsNotDroppedInItsName(TestDatabase golden) {
        KubernetesProvider provider = start(golden, true);
        PreviewTarget t = provider.create(NS, KEY, "abc");

        PreviewKey other = new PreviewKey("acme/shop", "8");
        assertThatThrownBy(() -> provider.drop(new ActualPreview(NS, other, "abc", PreviewState.READY, Instant.now())))
                .hasMessageContaining("does not carry Slipway's labels and mark for acme/shop#8");

        assertThat(admin().namespaces().withName(t.name()).get()).isNotNull();
    }

    @Test
    void anOrphanedSnapshotContentIsListedAndDropped(TestDatabase golden) {
        KubernetesProvider provider = start(golden, true);
        provider.create(NS, KEY, "abc");
        admin().namespaces().withName(NS).delete();

        ActualPreview orphan = provider.inventory().previews().get(0);
        provider.drop(orphan);

        assertThat(orphan.name()).isEqualTo(NS);
        assertThat(orphan.state()).isEqualTo(PreviewState.BUILDING);
        assertThat(admin().resources(VolumeSnapshotContent.class).withName("slipway-" + NS).get()).isNull();
        assertThat(provider.inventory().previews()).isEmpty();
    }

    @Test
    void theReconcilerDropsTheNamespacesOfPullRequestsThatNoLongerExist(TestDatabase golden) {
        KubernetesProvider provider = start(golden, true);
        PreviewKey gone = new PreviewKey("acme/shop", "8");
        provider.create(NS, KEY, "abc");
        provider.create(NamespaceNames.of(gone), gone, "def");
        Instant now = Instant.now();
        Reconciler reconciler = new Reconciler(new ReconcilePolicy(Duration.ofHours(72), 10), NamespaceNames::of);

        EnvironmentProvider.Inventory inventory = provider.inventory().of("acme/shop");
        Plan plan = reconciler.plan(List.of(new DesiredPreview(KEY, "abc", "b", now)), inventory.previews(),
                inventory.foreign(), Set.of(KEY), now);
        plan.of(Action.Drop.class).forEach(d -> provider.drop(d.preview()));

        assertThat(plan.of(Action.Drop.class)).singleElement().satisfies(d -> {
            assertThat(d.preview().name()).isEqualTo("preview-shop-pr-8");
            assertThat(d.reason()).isEqualTo(Action.DropReason.CLOSED);
        });
        assertThat(admin().namespaces().withName("preview-shop-pr-8").get()).isNull();
        assertThat(admin().namespaces().withName(NS).get()).isNotNull();
        assertThat(provider.inventory().previews()).extracting(ActualPreview::key).containsExactly(KEY);
    }
}
