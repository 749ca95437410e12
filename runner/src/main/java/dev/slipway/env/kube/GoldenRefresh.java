package dev.slipway.env.kube;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ServeConfig;
import dev.slipway.mask.rules.RulesLoader;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the masked golden on the cluster: a Job runs PostgreSQL on a fresh volume and {@code slipway mask} from
 * the source into it; the volume is snapshotted, the snapshot labelled with the rules' hash and, only once it is
 * ready, {@code slipway.dev/masked=true}; the Job, the volume and its password go. The newest {@code keep} goldens
 * stay, and so does any older one a preview namespace still names; only snapshots with Slipway's labels are ever
 * deleted. What an interrupted refresh left behind is removed by the next. Not thread-safe: the leader calls it.
 */
public final class GoldenRefresh {

    private static final Logger LOG = LoggerFactory.getLogger(GoldenRefresh.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What one refresh made and removed. */
    public record Result(String snapshot, List<String> pruned) {
    }

    private final KubeCalls calls;
    private final ServeConfig.Kubernetes kube;
    private final ServeConfig.GoldenRefresh settings;
    private final Clock clock;

    public GoldenRefresh(KubernetesClient client, ServeConfig.Kubernetes kube, ServeConfig.GoldenRefresh settings,
                         Clock clock) {
        this.calls = new KubeCalls(client);
        this.kube = kube;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Refreshes when the newest golden this refresh made is older than {@code every} (or there is none; goldens
     * made by hand do not count), else only prunes.
     */
    public Optional<Result> refreshIfDue() {
        Optional<Instant> newest = goldens().stream().filter(PreviewLabels::managed).findFirst()
                .map(GoldenRefresh::madeAt);
        if (newest.isPresent() && newest.get().plus(settings.every()).isAfter(clock.instant())) {
            prune();
            return Optional.empty();
        }
        return Optional.of(refresh());
    }

    /**
     * Makes a new golden now.
     *
     * @throws SlipwayException PREVIEW_FAILED naming the step that failed (the Job's pod events when masking failed)
     */
    public Result refresh() {
        removeLeftovers();
        Instant at = clock.instant();
        String id = "golden-" + ID.format(at);
        String rulesHash = RulesLoader.load(settings.rules()).sha256().substring(0, 63);
        GoldenJob job = new GoldenJob(id, kube, settings);
        LOG.info("golden refresh {}: masking into a fresh volume in {}", id, kube.goldenNamespace());
        calls.ensure(job.secret(), null);
        calls.ensure(job.volume(), null);
        calls.ensure(job.job(), null);
        await("the mask Job " + id, () -> jobDone(id));
        calls.ensure(job.snapshot(rulesHash, at), null);
        await("the VolumeSnapshot " + id, () -> snapshotReady(id));
        VolumeSnapshot snapshot = calls.get(VolumeSnapshot.class, kube.goldenNamespace(), id);
        calls.label(snapshot, Map.of(PreviewLabels.MASKED, "true"));
        removeWorkload(id);
        LOG.info("golden refresh {}: VolumeSnapshot {}/{} is the newest golden", id, kube.goldenNamespace(), id);
        return new Result(kube.goldenNamespace() + "/" + id, prune());
    }

    /** Deletes masked goldens beyond the newest {@code keep} that no preview namespace names; returns them. */
    public List<String> prune() {
        Set<String> used = calls.list(Namespace.class, null, Map.of(PreviewLabels.MANAGED_BY, PreviewLabels.SLIPWAY))
                .stream().map(n -> n.getMetadata().getAnnotations() == null ? null
                        : n.getMetadata().getAnnotations().get(GoldenJob.GOLDEN_ANNOTATION))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        List<VolumeSnapshot> old = goldens().stream().filter(PreviewLabels::managed).skip(settings.keep()).toList();
        List<String> pruned = old.stream().map(s -> kube.goldenNamespace() + "/" + s.getMetadata().getName())
                .filter(ref -> !used.contains(ref)).toList();
        old.stream().filter(s -> pruned.contains(kube.goldenNamespace() + "/" + s.getMetadata().getName()))
                .forEach(calls::delete);
        if (!pruned.isEmpty()) {
            LOG.info("golden refresh: deleted {} older golden snapshot(s) no preview uses: {}", pruned.size(), pruned);
        }
        return pruned;
    }

    /** Masked snapshots in the golden namespace, newest first. */
    private List<VolumeSnapshot> goldens() {
        return calls.list(VolumeSnapshot.class, kube.goldenNamespace(), Map.of(PreviewLabels.MASKED, "true")).stream()
                .sorted(Comparator.comparing(GoldenRefresh::madeAt)
                        .thenComparing(s -> s.getMetadata().getName()).reversed()).toList();
    }

    /** When a golden was made: the refresh's own stamp, else the API server's creation time. */
    private static Instant madeAt(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        String at = a != null && a.get(GoldenJob.REFRESHED_AT) != null ? a.get(GoldenJob.REFRESHED_AT)
                : o.getMetadata().getCreationTimestamp();
        return at == null ? Instant.EPOCH : Instant.parse(at);
    }

    private boolean jobDone(String id) {
        Job job = calls.get(Job.class, kube.goldenNamespace(), id);
        if (job == null || job.getStatus() == null) {
            return false;
        }
        if (job.getStatus().getFailed() != null && job.getStatus().getFailed() > 0) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "golden refresh " + id + ": the mask Job "
                    + kube.goldenNamespace() + "/" + id + " failed" + events(id) + "; its pod's log says why "
                    + "(kubectl logs -n " + kube.goldenNamespace() + " job/" + id + " -c mask); nothing was published, "
                    + "the previous golden stays");
        }
        return job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() > 0;
    }

    private boolean snapshotReady(String id) {
        VolumeSnapshot vs = calls.get(VolumeSnapshot.class, kube.goldenNamespace(), id);
        if (vs != null && vs.getStatus() != null && vs.getStatus().getError() != null) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "golden refresh " + id + ": snapshotting failed: "
                    + vs.getStatus().getError().getMessage() + "; check the VolumeSnapshotClass "
                    + (settings.snapshotClass() == null ? "(the cluster's default)" : settings.snapshotClass()));
        }
        return vs != null && vs.getStatus() != null && Boolean.TRUE.equals(vs.getStatus().getReadyToUse());
    }

    /** The warnings recorded for the Job and its pods, as one clause. */
    private String events(String id) {
        String text = calls.list(Event.class, kube.goldenNamespace(), Map.of()).stream()
                .filter(e -> e.getInvolvedObject() != null && e.getInvolvedObject().getName() != null
                        && e.getInvolvedObject().getName().startsWith(id))
                .map(e -> e.getReason() + ": " + e.getMessage()).collect(Collectors.joining("; "));
        return text.isEmpty() ? "" : " (events: " + text + ")";
    }

    private void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        if (!Readiness.until(kube.pollInterval(), deadline, done::getAsBoolean, Boolean::booleanValue)) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "golden refresh: " + what + " did not finish within "
                    + settings.timeout() + " (serve.previews.kubernetes.refresh.timeout); the previous golden stays");
        }
    }

    /** The Job (with its pods), the volume and the password of refresh {@code id}; the snapshot stays. */
    private void removeWorkload(String id) {
        String ns = kube.goldenNamespace();
        Optional.ofNullable(calls.get(Job.class, ns, id)).ifPresent(calls::delete);
        Optional.ofNullable(calls.get(PersistentVolumeClaim.class, ns, id)).ifPresent(calls::delete);
        Optional.ofNullable(calls.get(Secret.class, ns, id)).ifPresent(calls::delete);
    }

    /** What an interrupted refresh left: its Job, volume and password, and a snapshot never labelled masked. */
    private void removeLeftovers() {
        String ns = kube.goldenNamespace();
        Map<String, String> refresh = new HashMap<>(GoldenJob.labels());
        calls.list(Job.class, ns, refresh).forEach(calls::delete);
        calls.list(PersistentVolumeClaim.class, ns, refresh).forEach(calls::delete);
        calls.list(Secret.class, ns, refresh).forEach(calls::delete);
        calls.list(VolumeSnapshot.class, ns, refresh).stream()
                .filter(s -> !"true".equals(s.getMetadata().getLabels().get(PreviewLabels.MASKED)))
                .forEach(calls::delete);
    }
}
