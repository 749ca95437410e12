package dev.slipway.env.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.SlipwayException;
import dev.slipway.testing.ClusterSimulator;
import dev.slipway.config.ServeConfig;
import dev.slipway.env.PreviewTarget;
import dev.slipway.mask.rules.RulesLoader;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.serve.GoldenSchedule;
import dev.slipway.serve.LeaseLeadership;
import dev.slipway.testing.KubeFixture;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The golden refresh against the mock API server with the simulated controller (which binds the volume, ends the
 * mask Job and snapshots the volume the way a CSI driver would): a labelled golden the provider accepts, nothing
 * left behind, retention that spares goldens in use, and a failed mask that publishes nothing.
 */
@ExtendWith(PostgresExtension.class)
class GoldenRefreshIT {

    private static final Path RULES = RepoFolders.path("migrations/masking.yaml");

    private KubeFixture kube;
    private KubernetesClient admin;
    /** The refresh's clock: the API server stamps creation times with the real one, so this starts there. */
    private Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @BeforeEach
    void start(TestDatabase golden) {
        kube = KubeFixture.start(golden.spec().withDatabase("postgres"), golden.name());
        admin = kube.cluster().admin();
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    @Test
    void aRefreshPublishesALabelledGoldenThatPreviewsRestoreAndLeavesNoWorkloadBehind() {
        GoldenRefresh.Result result = refresh(2).refresh();

        assertThat(result.snapshot()).isEqualTo(KubeFixture.GOLDEN_NAMESPACE + "/" + id(now));
        VolumeSnapshot vs = snapshot(id(now));
        assertThat(vs.getMetadata().getLabels()).containsEntry(PreviewLabels.MASKED, "true")
                .containsEntry(PreviewLabels.MANAGED_BY, "slipway")
                .containsEntry(PreviewLabels.RULES_HASH, RulesLoader.load(RULES).sha256().substring(0, 63));
        assertThat(vs.getSpec().getSource().getPersistentVolumeClaimName()).isEqualTo(id(now));
        assertThat(inGolden(Job.class)).isEmpty();
        assertThat(inGolden(PersistentVolumeClaim.class)).isEmpty();
        assertThat(inGolden(Secret.class)).isEmpty();

        PreviewKey key = new PreviewKey("acme/shop", "1");
        PreviewTarget preview = kube.provider(Duration.ofSeconds(20)).create(NamespaceNames.of(key), key, "h1");
        assertThat(admin.namespaces().withName(preview.name()).get().getMetadata().getAnnotations())
                .containsEntry(GoldenJob.GOLDEN_ANNOTATION, result.snapshot());
    }

    @Test
    void theMaskJobRunsPostgresAsASidecarWithRestrictedPodsAndNoPasswordInTheSpec() {
        ServeConfig.GoldenRefresh settings = settings(2);
        Job job = new GoldenJob("golden-x", kube.settings(Duration.ofSeconds(20)), settings).job();

        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container postgres = pod.getInitContainers().get(0);
        Container mask = pod.getContainers().get(0);
        assertThat(postgres.getRestartPolicy()).as("a native sidecar").isEqualTo("Always");
        assertThat(mask.getArgs()).startsWith("mask").contains("--rules", "/etc/slipway/rules/masking.yaml",
                "--secret-env", "MASK_SECRET", "--source-password-env", "SOURCE_PASSWORD", "--create-missing-roles");
        assertThat(mask.getEnvFrom()).singleElement().satisfies(e ->
                assertThat(e.getSecretRef().getName()).isEqualTo("golden-source"));
        assertThat(List.of(postgres, mask)).allSatisfy(c -> {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getEnv()).filteredOn(e -> e.getName().contains("PASSWORD"))
                    .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("golden-x"));
        });
    }

    @Test
    void olderGoldensBeyondKeepAreDeletedUnlessAPreviewStillUsesThem() {
        GoldenRefresh refresh = refresh(1);
        String first = refresh.refresh().snapshot();
        PreviewKey key = new PreviewKey("acme/shop", "7");
        kube.provider(Duration.ofSeconds(20)).create(NamespaceNames.of(key), key, "h1");
        kube.cluster().seedGolden(KubeFixture.GOLDEN_NAMESPACE, "hand-made", true);

        now = now.plus(Duration.ofHours(25));
        GoldenRefresh.Result second = refresh.refreshIfDue().orElseThrow();
        assertThat(second.pruned()).as("the first is in use by PR 7's preview").isEmpty();
        admin.namespaces().withName(NamespaceNames.of(key)).delete();

        assertThat(refresh.refreshIfDue()).as("not due: the newest golden is from today; it only prunes").isEmpty();
        assertThat(snapshot(first.substring(first.indexOf('/') + 1))).as("pruned once PR 7's preview is gone").isNull();
        assertThat(refresh.prune()).isEmpty();
        assertThat(snapshot("hand-made")).as("not Slipway's: never deleted").isNotNull();
        assertThat(snapshot(id(now))).isNotNull();
    }

    @Test
    void aFailedMaskPublishesNothingAndTheNextRefreshClearsWhatItLeft() {
        kube.cluster().fault(ClusterSimulator.Fault.MASK_JOB_FAILS);

        assertThatThrownBy(() -> refresh(2).refresh()).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("the mask Job " + KubeFixture.GOLDEN_NAMESPACE + "/" + id(now) + " failed")
                .hasMessageContaining("BackoffLimitExceeded").hasMessageContaining("the previous golden stays");
        assertThat(admin.resources(VolumeSnapshot.class).inNamespace(KubeFixture.GOLDEN_NAMESPACE).list().getItems())
                .isEmpty();
        assertThat(inGolden(Job.class)).hasSize(1);

        kube.cluster().fault(ClusterSimulator.Fault.NONE);
        now = now.plus(Duration.ofMinutes(5));
        Optional<GoldenRefresh.Result> retried = refresh(2).refreshIfDue();

        assertThat(retried).map(GoldenRefresh.Result::snapshot)
                .contains(KubeFixture.GOLDEN_NAMESPACE + "/" + id(now));
        assertThat(inGolden(Job.class)).isEmpty();
        assertThat(inGolden(PersistentVolumeClaim.class)).isEmpty();
    }

    @Test
    void aSnapshotThatNeverBecomesReadyTimesOutAndIsNeverLabelledMasked() {
        kube.cluster().fault(ClusterSimulator.Fault.SNAPSHOT_NEVER_READY);
        ServeConfig.GoldenRefresh s = settings(2);
        GoldenRefresh refresh = new GoldenRefresh(kube.cluster().client(), kube.settings(Duration.ofSeconds(20)),
                new ServeConfig.GoldenRefresh(s.every(), s.keep(), s.sourceSecret(), s.rulesConfigMap(), s.rules(),
                        s.image(), s.snapshotClass(), s.storageClass(), s.volumeSize(), Duration.ofSeconds(1)),
                Clock.systemUTC());

        assertThatThrownBy(refresh::refresh).isInstanceOf(SlipwayException.class)
                .hasMessageContaining("the VolumeSnapshot golden-").hasMessageContaining("did not finish within PT1S")
                .hasMessageContaining("refresh.timeout").hasMessageContaining("the previous golden stays");
        assertThat(admin.resources(VolumeSnapshot.class).inNamespace(KubeFixture.GOLDEN_NAMESPACE).list().getItems())
                .singleElement().satisfies(vs -> assertThat(vs.getMetadata().getLabels())
                        .doesNotContainKey(PreviewLabels.MASKED));
    }

    @Test
    void onlyTheLeaderRefreshesOnTheTimer() {
        LeaseLeadership leadership = new LeaseLeadership(kube.cluster().client(), "slipway", "slipway-serve-golden",
                "replica-a", new LeaseLeadership.Timing(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofMillis(200)), () -> { });
        GoldenSchedule schedule = new GoldenSchedule(refresh(2), leadership);
        try {
            schedule.check();
            assertThat(admin.resources(VolumeSnapshot.class).inNamespace(KubeFixture.GOLDEN_NAMESPACE).list()
                    .getItems()).as("a standby refreshes nothing").isEmpty();

            leadership.check();
            await().atMost(Duration.ofSeconds(10)).until(leadership::isLeader);
            schedule.check();

            assertThat(snapshot(id(now)).getMetadata().getLabels()).containsEntry(PreviewLabels.MASKED, "true");
        } finally {
            leadership.close();
        }
    }

    private static String id(Instant at) {
        return "golden-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(at);
    }

    private GoldenRefresh refresh(int keep) {
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new GoldenRefresh(kube.cluster().client(), kube.settings(Duration.ofSeconds(20)), settings(keep), clock);
    }

    private ServeConfig.GoldenRefresh settings(int keep) {
        return new ServeConfig.GoldenRefresh(Duration.ofHours(24), keep, "golden-source", "golden-rules", RULES,
                "ghcr.io/acme/slipway:1.4.0", null, "fast-ssd", "20Gi", Duration.ofSeconds(20));
    }

    private VolumeSnapshot snapshot(String name) {
        return admin.resources(VolumeSnapshot.class).inNamespace(KubeFixture.GOLDEN_NAMESPACE).withName(name).get();
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> inGolden(Class<T> type) {
        return admin.resources(type).inNamespace(KubeFixture.GOLDEN_NAMESPACE).list().getItems();
    }
}
