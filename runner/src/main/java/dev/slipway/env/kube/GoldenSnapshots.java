package dev.slipway.env.kube;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import java.util.Comparator;
import java.util.Map;

/**
 * Finds the masked golden VolumeSnapshot and refuses anything else: a snapshot must be labelled
 * {@code slipway.dev/masked=true} with a {@code slipway.dev/rules-hash}, be ready to use, and be bound to a content
 * that names its driver and snapshot handle. Thread-safe.
 */
final class GoldenSnapshots {

    private final KubeCalls calls;
    private final String namespace;
    private final String name;

    /** @param name one snapshot by name, or {@code null} for the newest snapshot labelled masked */
    GoldenSnapshots(KubeCalls calls, String namespace, String name) {
        this.calls = calls;
        this.namespace = namespace;
        this.name = name;
    }

    /**
     * @throws SlipwayException GOLDEN_NOT_MASKED when there is no such snapshot, it is not labelled masked, or it
     *                          is not ready; PREVIEW_FAILED when the API refuses
     */
    Golden require() {
        VolumeSnapshot vs = name == null ? newest() : named();
        requireMasked(vs);
        String contentName = vs.getStatus() == null ? null : vs.getStatus().getBoundVolumeSnapshotContentName();
        if (!Boolean.TRUE.equals(vs.getStatus() == null ? null : vs.getStatus().getReadyToUse()) || contentName == null) {
            throw refused(vs.getMetadata().getName(), "it is not ready to use (status.readyToUse, "
                    + "status.boundVolumeSnapshotContentName); wait for the CSI snapshotter or take a new golden");
        }
        VolumeSnapshotContent content = calls.get(VolumeSnapshotContent.class, null, contentName);
        if (content == null || content.getStatus() == null || content.getStatus().getSnapshotHandle() == null) {
            throw refused(vs.getMetadata().getName(), "its VolumeSnapshotContent " + contentName
                    + " is missing or has no status.snapshotHandle");
        }
        Long size = content.getStatus().getRestoreSize();
        return new Golden(namespace, vs.getMetadata().getName(), contentName, content.getSpec().getDriver(),
                content.getStatus().getSnapshotHandle(), vs.getSpec().getVolumeSnapshotClassName(),
                size == null ? null : String.valueOf(size), vs.getMetadata().getLabels().get(PreviewLabels.RULES_HASH));
    }

    private VolumeSnapshot named() {
        VolumeSnapshot vs = calls.get(VolumeSnapshot.class, namespace, name);
        if (vs == null) {
            throw new SlipwayException(ErrorCode.GOLDEN_NOT_MASKED, "golden VolumeSnapshot " + namespace + "/" + name
                    + " does not exist; check serve.previews.kubernetes.goldenSnapshot, or run the golden refresh");
        }
        return vs;
    }

    private VolumeSnapshot newest() {
        return calls.list(VolumeSnapshot.class, namespace, Map.of(PreviewLabels.MASKED, "true")).stream()
                .filter(vs -> vs.getStatus() != null && Boolean.TRUE.equals(vs.getStatus().getReadyToUse()))
                .max(Comparator.comparing(vs -> vs.getMetadata().getCreationTimestamp()))
                .orElseThrow(() -> new SlipwayException(ErrorCode.GOLDEN_NOT_MASKED, "no ready VolumeSnapshot "
                        + "labelled " + PreviewLabels.MASKED + "=true in namespace " + namespace + "; take one with "
                        + "'slipway mask' into a fresh volume and label its snapshot (see docs/kubernetes.md)"));
    }

    private void requireMasked(VolumeSnapshot vs) {
        Map<String, String> labels = vs.getMetadata().getLabels() == null ? Map.of() : vs.getMetadata().getLabels();
        if (!"true".equals(labels.get(PreviewLabels.MASKED))) {
            throw refused(vs.getMetadata().getName(), "it is not labelled " + PreviewLabels.MASKED
                    + "=true; only snapshots of a finished 'slipway mask' may serve as the golden");
        }
        String hash = labels.get(PreviewLabels.RULES_HASH);
        if (hash == null || !hash.matches("[0-9a-f]{8,63}")) {
            throw refused(vs.getMetadata().getName(), "its label " + PreviewLabels.RULES_HASH + " is missing or not "
                    + "hex digits of the masking rules' SHA-256; label it as the golden refresh does");
        }
    }

    private SlipwayException refused(String snapshot, String why) {
        return new SlipwayException(ErrorCode.GOLDEN_NOT_MASKED, "refusing VolumeSnapshot " + namespace + "/"
                + snapshot + " as the golden: " + why);
    }
}
