package dev.slipway.env.kube;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Waits, within one bounded time for all three, until a preview's snapshot is ready to use, its volume is bound and
 * PostgreSQL is ready; when time runs out, the error says which step stuck and why (storage class and snapshot for a
 * pending volume, the pod's state and events for PostgreSQL). Thread-safe.
 */
final class Readiness {

    private final KubeCalls calls;
    private final Duration timeout;
    private final Duration poll;

    Readiness(KubeCalls calls, Duration timeout, Duration poll) {
        this.calls = calls;
        this.timeout = timeout;
        this.poll = poll;
    }

    /** @throws SlipwayException PREVIEW_FAILED naming the step that did not finish in time */
    void await(PreviewSpec spec) {
        long deadline = System.nanoTime() + timeout.toNanos();
        snapshot(spec, deadline);
        volume(spec, deadline);
        postgres(spec, deadline);
    }

    private void snapshot(PreviewSpec s, long deadline) {
        VolumeSnapshot vs = until(deadline, () -> calls.get(VolumeSnapshot.class, s.namespace(), "golden"),
                v -> v != null && v.getStatus() != null && Boolean.TRUE.equals(v.getStatus().getReadyToUse()));
        if (vs != null && vs.getStatus() != null && Boolean.TRUE.equals(vs.getStatus().getReadyToUse())) {
            return;
        }
        String error = vs == null || vs.getStatus() == null || vs.getStatus().getError() == null ? "none reported"
                : vs.getStatus().getError().getMessage();
        throw failed("VolumeSnapshot " + s.namespace() + "/golden did not become ready to use within " + timeout
                + " (pre-provisioned content " + s.contentName() + ", driver " + s.golden().driver() + ", snapshot "
                + "handle of golden " + s.golden().ref() + "; snapshot error: " + error + "): check that the CSI "
                + "snapshot controller runs and that the golden's snapshot still exists on the storage backend");
    }

    private void volume(PreviewSpec s, long deadline) {
        PersistentVolumeClaim pvc = until(deadline, () -> calls.get(PersistentVolumeClaim.class, s.namespace(), "data"),
                Readiness::bound);
        if (bound(pvc)) {
            return;
        }
        String phase = pvc == null ? "missing" : pvc.getStatus() == null || pvc.getStatus().getPhase() == null
                ? "Pending" : pvc.getStatus().getPhase();
        String storageClass = s.kube().storageClass() == null ? "the cluster's default storage class"
                : "storage class '" + s.kube().storageClass() + "'";
        throw failed("PersistentVolumeClaim " + s.namespace() + "/data is " + phase + " after " + timeout + ": "
                + storageClass + ", restored from VolumeSnapshot " + s.namespace() + "/golden (golden " + s.golden().ref()
                + ", driver " + s.golden().driver() + "); events: " + events(s.namespace(), "data") + "; check that "
                + "the storage class exists, provisions volumes of that driver from snapshots, and that the size "
                + "is at least the snapshot's restore size");
    }

    private void postgres(PreviewSpec s, long deadline) {
        StatefulSet set = until(deadline, () -> calls.get(StatefulSet.class, s.namespace(), "postgres"),
                st -> st != null && st.getStatus() != null && st.getStatus().getReadyReplicas() != null
                        && st.getStatus().getReadyReplicas() >= 1);
        if (set != null && set.getStatus() != null && set.getStatus().getReadyReplicas() != null
                && set.getStatus().getReadyReplicas() >= 1) {
            return;
        }
        throw failed("PostgreSQL in namespace " + s.namespace() + " is not ready after " + timeout + ": "
                + pod(s.namespace()) + "; events: " + events(s.namespace(), "postgres-0") + "; check the image ("
                + s.kube().postgresImage() + ") and the pod's log (kubectl logs -n " + s.namespace() + " postgres-0)");
    }

    private static boolean bound(PersistentVolumeClaim pvc) {
        return pvc != null && pvc.getStatus() != null && "Bound".equals(pvc.getStatus().getPhase());
    }

    private String pod(String namespace) {
        Pod pod = calls.get(Pod.class, namespace, "postgres-0");
        if (pod == null || pod.getStatus() == null) {
            return "pod postgres-0 does not exist";
        }
        String containers = pod.getStatus().getContainerStatuses().stream().map(Readiness::container)
                .collect(Collectors.joining(", "));
        return "pod postgres-0 is " + pod.getStatus().getPhase() + (containers.isEmpty() ? "" : ", " + containers);
    }

    private static String container(ContainerStatus c) {
        String state = c.getState() != null && c.getState().getWaiting() != null
                ? "waiting: " + c.getState().getWaiting().getReason()
                : c.getState() != null && c.getState().getTerminated() != null
                ? "terminated: " + c.getState().getTerminated().getReason() : "running, not ready";
        return "container " + c.getName() + " " + state + " (restarts " + c.getRestartCount() + ")";
    }

    /** The last few events about {@code object}, oldest first, as {@code Reason: message}. */
    private String events(String namespace, String object) {
        String text = calls.list(Event.class, namespace, Map.of()).stream()
                .filter(e -> e.getInvolvedObject() != null && object.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
                .map(e -> e.getReason() + ": " + e.getMessage())
                .reduce((a, b) -> a + "; " + b).orElse("none");
        return text.length() > 600 ? "…" + text.substring(text.length() - 600) : text;
    }

    /**
     * Probes until {@code done} or the deadline; returns the last value probed. The pause starts at the poll interval
     * and doubles up to eight times it: a slow step (a pulling image, a provisioning volume) costs few requests.
     */
    private <T> T until(long deadline, Supplier<T> probe, Predicate<T> done) {
        return until(poll, deadline, probe, done);
    }

    /** {@link #until(long, Supplier, Predicate)} for other waits in this package (the golden refresh's). */
    static <T> T until(Duration poll, long deadline, Supplier<T> probe, Predicate<T> done) {
        long pause = poll.toNanos();
        while (true) {
            T value = probe.get();
            if (done.test(value) || System.nanoTime() >= deadline) {
                return value;
            }
            LockSupport.parkNanos(Math.min(pause, Math.max(0, deadline - System.nanoTime())));
            pause = Math.min(pause * 2, poll.toNanos() * 8);
        }
    }

    private static SlipwayException failed(String message) {
        return new SlipwayException(ErrorCode.PREVIEW_FAILED, message);
    }
}
