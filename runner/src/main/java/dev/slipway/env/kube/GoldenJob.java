package dev.slipway.env.kube;

import dev.slipway.config.ServeConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotBuilder;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The objects of one golden refresh {@code id} in the golden namespace: a Secret with a fresh superuser password, a
 * volume, a Job whose pod runs PostgreSQL on that volume as a native sidecar (Kubernetes 1.29+) while its main
 * container runs {@code slipway mask} from the source into it, and the VolumeSnapshot of the volume. All carry
 * Slipway's labels and the refresh's component label. Pure.
 */
final class GoldenJob {

    /** On a preview namespace: the golden it was restored from, {@code namespace/name}. */
    static final String GOLDEN_ANNOTATION = "slipway.dev/golden";
    static final String COMPONENT = "app.kubernetes.io/component";
    /** On a golden this refresh made: when it was made, by the refresh's clock (what "due" is measured from). */
    static final String REFRESHED_AT = "slipway.dev/refreshed-at";
    private static final String DATA = "/var/lib/postgresql/data";

    private final String id;
    private final ServeConfig.Kubernetes kube;
    private final ServeConfig.GoldenRefresh settings;

    GoldenJob(String id, ServeConfig.Kubernetes kube, ServeConfig.GoldenRefresh settings) {
        this.id = id;
        this.kube = kube;
        this.settings = settings;
    }

    /** The labels every object of a refresh carries. */
    static Map<String, String> labels() {
        return Map.of(PreviewLabels.MANAGED_BY, PreviewLabels.SLIPWAY, COMPONENT, "golden-refresh");
    }

    Secret secret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new SecretBuilder().withNewMetadata().withName(id).withNamespace(kube.goldenNamespace())
                .withLabels(labels()).endMetadata().withType("Opaque")
                .withStringData(Map.of("password", HexFormat.of().formatHex(bytes))).build();
    }

    PersistentVolumeClaim volume() {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(id).withNamespace(kube.goldenNamespace())
                .withLabels(labels()).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withStorageClassName(settings.storageClass()).withNewResources()
                .withRequests(Map.of("storage", new Quantity(settings.volumeSize()))).endResources().endSpec().build();
    }

    Job job() {
        return new JobBuilder().withNewMetadata().withName(id).withNamespace(kube.goldenNamespace())
                .withLabels(labels()).endMetadata().withNewSpec().withBackoffLimit(0)
                .withActiveDeadlineSeconds(settings.timeout().toSeconds()).withNewTemplate().withNewMetadata()
                .withLabels(labels()).endMetadata().withNewSpec().withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false).withNewSecurityContext().withRunAsNonRoot(true)
                .withRunAsUser(999L).withFsGroup(999L).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .withInitContainers(postgres()).withContainers(mask())
                .addNewVolume().withName("data").withNewPersistentVolumeClaim(id, false).endVolume()
                .addNewVolume().withName("rules").withNewConfigMap().withName(settings.rulesConfigMap()).endConfigMap()
                .endVolume()
                .addNewVolume().withName("run").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec().build();
    }

    /** The target PostgreSQL: a sidecar that starts before the mask and stops (cleanly) when it ends. */
    private Container postgres() {
        return new ContainerBuilder().withName("postgres").withImage(kube.postgresImage()).withRestartPolicy("Always")
                .withEnv(env("PGDATA", DATA + "/pgdata"), env("POSTGRES_USER", kube.user()),
                        env("POSTGRES_DB", kube.database()), password("POSTGRES_PASSWORD"))
                .withNewReadinessProbe().withNewExec().withCommand("pg_isready", "-h", "127.0.0.1", "-U", kube.user())
                .endExec().withPeriodSeconds(2).endReadinessProbe()
                .withVolumeMounts(mount("data", DATA), mount("run", "/var/run/postgresql"), mount("tmp", "/tmp"))
                .withSecurityContext(restricted()).build();
    }

    /** The mask; the server it fills is the Job's own, so the roles policies name may be created on it. */
    private Container mask() {
        String target = "jdbc:postgresql://127.0.0.1:5432/" + kube.database();
        return new ContainerBuilder().withName("mask").withImage(settings.image())
                .withArgs("mask", "--source", "$(SOURCE_URL)", "--source-user", "$(SOURCE_USER)",
                        "--source-password-env", "SOURCE_PASSWORD", "--target", target, "--target-user", kube.user(),
                        "--target-password-env", "TARGET_PASSWORD", "--rules", "/etc/slipway/rules/masking.yaml",
                        "--secret-env", "MASK_SECRET", "--create-missing-roles")
                .withEnv(password("TARGET_PASSWORD"), env("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=70"))
                .addNewEnvFrom().withNewSecretRef().withName(settings.sourceSecret()).endSecretRef().endEnvFrom()
                .withVolumeMounts(mount("rules", "/etc/slipway/rules"), mount("tmp", "/tmp"))
                .withSecurityContext(restricted()).build();
    }

    /** The snapshot of the refreshed volume; labelled masked only once it is ready. */
    VolumeSnapshot snapshot(String rulesHash, java.time.Instant at) {
        Map<String, String> labels = new java.util.HashMap<>(labels());
        labels.put(PreviewLabels.RULES_HASH, rulesHash);
        return new VolumeSnapshotBuilder().withNewMetadata().withName(id).withNamespace(kube.goldenNamespace())
                .withLabels(labels).withAnnotations(Map.of(REFRESHED_AT, at.toString())).endMetadata().withNewSpec()
                .withVolumeSnapshotClassName(settings.snapshotClass())
                .withNewSource().withPersistentVolumeClaimName(id).endSource().endSpec().build();
    }

    private EnvVar password(String name) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef("password", id, false)
                .endValueFrom().build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static VolumeMount mount(String volume, String path) {
        return new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }

    private static SecurityContext restricted() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop(List.of("ALL")).endCapabilities().build();
    }
}
