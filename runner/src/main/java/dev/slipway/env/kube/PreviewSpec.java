package dev.slipway.env.kube;

import dev.slipway.config.ServeConfig;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything one preview's manifests are rendered from. Pure.
 *
 * @param password the generated superuser password; {@code null} renders a placeholder (for {@code preview render})
 */
public record PreviewSpec(String namespace, PreviewKey key, String headSha, PreviewState state, Instant createdAt,
                          Instant expiresAt, Golden golden, ServeConfig.Kubernetes kube, String password) {

    static final String PASSWORD_PLACEHOLDER = "<generated when the preview is created>";
    private static final String DEFAULT_SIZE = "10Gi";

    /** The cluster-scoped VolumeSnapshotContent Slipway creates for this preview. */
    public String contentName() {
        return "slipway-" + namespace;
    }

    /** The values of the templates' placeholders. */
    public Map<String, String> values() {
        Map<String, String> v = new HashMap<>(Map.of("namespace", namespace, "repoLabel", PreviewLabels.value(key.repo()),
                "prLabel", PreviewLabels.value(key.id()), "repo", key.repo(), "pr", key.id(), "head", headSha,
                "state", state.id(), "createdAt", createdAt.toString(), "expiresAt", expiresAt.toString()));
        v.putAll(Map.of("golden", golden.ref(), "rulesHash", golden.rulesHash(), "contentName", contentName(),
                "driver", golden.driver(), "snapshotHandle", golden.snapshotHandle(), "slipwayNamespace",
                kube.slipwayNamespace(), "password", password == null ? PASSWORD_PLACEHOLDER : password));
        v.put("snapshotClass", golden.snapshotClass());
        v.putAll(Map.of("quotaCpu", kube.quota().cpu(), "quotaMemory", kube.quota().memory(), "quotaStorage",
                kube.quota().storage(), "quotaPods", String.valueOf(kube.quota().pods()), "volumeSize", volumeSize(),
                "image", kube.postgresImage(), "user", kube.user(), "database", kube.database(), "cpu", kube.cpu(),
                "memory", kube.memory()));
        v.put("storageClass", kube.storageClass());
        return v;
    }

    private String volumeSize() {
        if (kube.volumeSize() != null) {
            return kube.volumeSize();
        }
        return golden.restoreSize() != null ? golden.restoreSize() : DEFAULT_SIZE;
    }

    @Override
    public String toString() {
        return "PreviewSpec[" + namespace + ", " + key + ", " + headSha + "]";
    }
}
