package dev.slipway.testing;

import dev.slipway.env.kube.PreviewLabels;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContentBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContentStatusBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotStatusBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a cluster's controllers would do for Slipway's objects on a mock API server, one {@link #tick()} at a time:
 * binds a pre-provisioned snapshot and marks it ready, binds a volume restored from a ready snapshot, "starts"
 * PostgreSQL (calls {@link Pods#started}) and makes the StatefulSet ready, and removes what was in a deleted
 * namespace. A {@link Fault} makes one of those steps fail the way a cluster's would. Not thread-safe: one thread ticks.
 */
public final class ClusterSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSimulator.class);

    /** A failure to simulate. */
    public enum Fault { NONE, SNAPSHOT_NEVER_READY, VOLUME_PENDING, CRASH_LOOP, MASK_JOB_FAILS }

    /** What "starting" and "stopping" a preview's PostgreSQL means where the simulator runs. */
    public interface Pods {
        /** PostgreSQL of {@code namespace} starts with the superuser password from its Secret. */
        void started(String namespace, String password);

        /** The namespace is gone: so is its PostgreSQL. */
        void stopped(String namespace);

        Pods NONE = new Pods() {
            @Override
            public void started(String namespace, String password) {
            }

            @Override
            public void stopped(String namespace) {
            }
        };
    }

    private final KubernetesClient client;
    private final Pods pods;
    private final Set<String> started = new HashSet<>();
    private Set<String> lastNamespaces = Set.of();
    private volatile Fault fault = Fault.NONE;

    public ClusterSimulator(KubernetesClient client, Pods pods) {
        this.client = client;
        this.pods = pods;
    }

    public void fault(Fault f) {
        this.fault = f;
    }

    /** One pass over Slipway's objects; API conflicts (a concurrent write) are left for the next pass. */
    public void tick() {
        try {
            collectDeletedNamespaces();
            client.resources(VolumeSnapshot.class).inAnyNamespace().withLabels(managed()).list().getItems()
                    .forEach(this::snapshot);
            client.persistentVolumeClaims().inAnyNamespace().withLabels(managed()).list().getItems().forEach(this::volume);
            client.apps().statefulSets().inAnyNamespace().withLabels(managed()).list().getItems().forEach(this::postgres);
            client.batch().v1().jobs().inAnyNamespace().withLabels(managed()).list().getItems().forEach(this::job);
        } catch (KubernetesClientException e) {
            LOG.debug("simulator pass interrupted: {}", e.getMessage());
        }
    }

    private static Map<String, String> managed() {
        return Map.of(PreviewLabels.MANAGED_BY, PreviewLabels.SLIPWAY);
    }

    /** A real cluster deletes a namespace's contents with it; the mock does not. */
    private void collectDeletedNamespaces() {
        Set<String> now = client.namespaces().list().getItems().stream().map(n -> n.getMetadata().getName())
                .collect(Collectors.toSet());
        for (String gone : lastNamespaces) {
            if (!now.contains(gone)) {
                removeContents(gone);
            }
        }
        lastNamespaces = now;
    }

    private void removeContents(String ns) {
        List<List<? extends HasMetadata>> kinds = List.of(client.apps().statefulSets().inNamespace(ns).list().getItems(),
                client.pods().inNamespace(ns).list().getItems(), client.services().inNamespace(ns).list().getItems(),
                client.secrets().inNamespace(ns).list().getItems(),
                client.persistentVolumeClaims().inNamespace(ns).list().getItems(),
                client.resources(VolumeSnapshot.class).inNamespace(ns).list().getItems(),
                client.resourceQuotas().inNamespace(ns).list().getItems(),
                client.limitRanges().inNamespace(ns).list().getItems(),
                client.network().networkPolicies().inNamespace(ns).list().getItems(),
                client.v1().events().inNamespace(ns).list().getItems());
        kinds.forEach(items -> items.forEach(o -> client.resource(o).delete()));
        if (started.remove(ns)) {
            pods.stopped(ns);
        }
    }

    private void snapshot(VolumeSnapshot vs) {
        boolean ready = vs.getStatus() != null && Boolean.TRUE.equals(vs.getStatus().getReadyToUse());
        if (ready || fault == Fault.SNAPSHOT_NEVER_READY) {
            return;
        }
        if (vs.getSpec().getSource().getPersistentVolumeClaimName() != null) {
            snapshotOfVolume(vs);
            return;
        }
        String contentName = vs.getSpec().getSource().getVolumeSnapshotContentName();
        VolumeSnapshotContent content = client.resources(VolumeSnapshotContent.class).withName(contentName).get();
        if (content == null) {
            return;
        }
        content.setStatus(new VolumeSnapshotContentStatusBuilder().withReadyToUse(true)
                .withSnapshotHandle(content.getSpec().getSource().getSnapshotHandle()).withRestoreSize(1L << 30).build());
        client.resource(content).updateStatus();
        vs.setStatus(new VolumeSnapshotStatusBuilder().withReadyToUse(true).withBoundVolumeSnapshotContentName(contentName)
                .withRestoreSize(new io.fabric8.kubernetes.api.model.Quantity("1Gi")).build());
        client.resource(vs).updateStatus();
    }

    /** A dynamic snapshot of a bound volume: the CSI snapshotter makes its content and marks both ready. */
    private void snapshotOfVolume(VolumeSnapshot vs) {
        String ns = vs.getMetadata().getNamespace();
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns)
                .withName(vs.getSpec().getSource().getPersistentVolumeClaimName()).get();
        if (pvc == null || pvc.getStatus() == null || !"Bound".equals(pvc.getStatus().getPhase())) {
            return;
        }
        String contentName = "snapcontent-" + vs.getMetadata().getUid();
        if (client.resources(VolumeSnapshotContent.class).withName(contentName).get() == null) {
            VolumeSnapshotContent content = new VolumeSnapshotContentBuilder().withNewMetadata().withName(contentName)
                    .endMetadata().withNewSpec().withDriver("hostpath.csi.k8s.io").withDeletionPolicy("Delete")
                    .withNewVolumeSnapshotRef().withNamespace(ns).withName(vs.getMetadata().getName())
                    .endVolumeSnapshotRef().withNewSource().withVolumeHandle("vol-" + pvc.getMetadata().getUid())
                    .endSource().endSpec().build();
            content = client.resource(content).create();
            content.setStatus(new VolumeSnapshotContentStatusBuilder().withReadyToUse(true)
                    .withSnapshotHandle("snap-" + vs.getMetadata().getUid()).withRestoreSize(1L << 30).build());
            client.resource(content).updateStatus();
        }
        vs.setStatus(new VolumeSnapshotStatusBuilder().withReadyToUse(true).withBoundVolumeSnapshotContentName(contentName)
                .withCreationTime(Instant.now().toString())
                .withRestoreSize(new io.fabric8.kubernetes.api.model.Quantity("1Gi")).build());
        client.resource(vs).updateStatus();
    }

    /** A golden refresh Job: its pod masks and ends, or fails with a Fault. */
    private void job(Job job) {
        if (job.getStatus() != null && (job.getStatus().getSucceeded() != null || job.getStatus().getFailed() != null)) {
            return;
        }
        String claim = job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null).map(v -> v.getPersistentVolumeClaim().getClaimName())
                .findFirst().orElse(null);
        PersistentVolumeClaim pvc = claim == null ? null : client.persistentVolumeClaims()
                .inNamespace(job.getMetadata().getNamespace()).withName(claim).get();
        if (pvc == null || pvc.getStatus() == null || !"Bound".equals(pvc.getStatus().getPhase())) {
            return;
        }
        boolean failed = fault == Fault.MASK_JOB_FAILS;
        if (failed) {
            event(job.getMetadata().getNamespace(), job.getMetadata().getName() + "-x7k2q", "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit");
        }
        job.setStatus(failed ? new JobStatusBuilder().withFailed(1).build() : new JobStatusBuilder().withSucceeded(1).build());
        client.resource(job).updateStatus();
    }

    private void volume(PersistentVolumeClaim pvc) {
        String ns = pvc.getMetadata().getNamespace();
        if (pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase())) {
            return;
        }
        if (pvc.getSpec().getDataSource() == null && fault != Fault.VOLUME_PENDING) {
            pvc.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
            client.resource(pvc).updateStatus();
            return;
        }
        if (fault == Fault.VOLUME_PENDING) {
            event(ns, "data", "ProvisioningFailed", "storageclass.storage.k8s.io \""
                    + pvc.getSpec().getStorageClassName() + "\" not found");
            return;
        }
        VolumeSnapshot source = client.resources(VolumeSnapshot.class).inNamespace(ns)
                .withName(pvc.getSpec().getDataSource().getName()).get();
        if (source != null && source.getStatus() != null && Boolean.TRUE.equals(source.getStatus().getReadyToUse())) {
            pvc.setStatus(new PersistentVolumeClaimStatusBuilder().withPhase("Bound").build());
            client.resource(pvc).updateStatus();
        }
    }

    private void postgres(StatefulSet set) {
        String ns = set.getMetadata().getNamespace();
        boolean ready = set.getStatus() != null && set.getStatus().getReadyReplicas() != null
                && set.getStatus().getReadyReplicas() >= 1;
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ns).withName("data").get();
        if (ready || pvc == null || pvc.getStatus() == null || !"Bound".equals(pvc.getStatus().getPhase())) {
            return;
        }
        if (fault == Fault.CRASH_LOOP) {
            pod(ns, false);
            event(ns, "postgres-0", "BackOff", "Back-off restarting failed container postgres in pod postgres-0");
            return;
        }
        Secret secret = client.secrets().inNamespace(ns).withName("postgres").get();
        if (secret == null) {
            return;
        }
        if (started.add(ns)) {
            pods.started(ns, password(secret));
        }
        pod(ns, true);
        set.setStatus(new StatefulSetStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).build());
        client.resource(set).updateStatus();
    }

    private static String password(Secret s) {
        if (s.getData() != null && s.getData().get("password") != null) {
            return new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8);
        }
        return s.getStringData().get("password");
    }

    private void pod(String ns, boolean ready) {
        if (client.pods().inNamespace(ns).withName("postgres-0").get() != null) {
            return;
        }
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("postgres-0").withNamespace(ns)
                .addToLabels("app.kubernetes.io/name", "postgres").endMetadata();
        var status = pod.withNewStatus().withPhase("Running").addNewContainerStatus().withName("postgres").withReady(ready)
                .withRestartCount(ready ? 0 : 4);
        status = ready ? status.withNewState().withNewRunning().endRunning().endState()
                : status.withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                        .withMessage("back-off 40s restarting failed container").endWaiting().endState();
        client.resource(status.endContainerStatus().endStatus().build()).create();
    }

    private void event(String ns, String object, String reason, String message) {
        String name = object + "." + reason.toLowerCase(java.util.Locale.ROOT);
        if (client.v1().events().inNamespace(ns).withName(name).get() != null) {
            return;
        }
        client.v1().events().inNamespace(ns).resource(new EventBuilder().withNewMetadata().withName(name)
                .withNamespace(ns).endMetadata().withNewInvolvedObject().withName(object).withNamespace(ns)
                .endInvolvedObject().withReason(reason).withMessage(message).withType("Warning")
                .withLastTimestamp(Instant.now().toString()).build()).create();
    }
}
