package dev.slipway.env.kube;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.plan.PreviewKey;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The API calls the provider makes, each one request, with failures turned into {@link SlipwayException}s that name
 * the object and what to do. The fabric8 client already retries 5xx answers and lost connections with backoff; what
 * still fails is reported, and the next reconciliation tries again. Thread-safe.
 */
final class KubeCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KubernetesClient client;

    KubeCalls(KubernetesClient client) {
        this.client = client;
    }

    /** The object, or {@code null} when it does not exist; {@code namespace} is null for cluster-scoped kinds. */
    <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return call("read " + type.getSimpleName() + " " + path(namespace, name), () -> namespace == null
                ? client.resources(type).withName(name).get()
                : client.resources(type).inNamespace(namespace).withName(name).get());
    }

    /** Objects with {@code labels}: in {@code namespace}, or everywhere when it is null. */
    <T extends HasMetadata> List<T> list(Class<T> type, String namespace, Map<String, String> labels) {
        return call("list " + type.getSimpleName() + (namespace == null ? "" : " in " + namespace), () -> {
            if (namespace != null) {
                return client.resources(type).inNamespace(namespace).withLabels(labels).list().getItems();
            }
            return Namespaced.class.isAssignableFrom(type)
                    ? client.resources(type).inAnyNamespace().withLabels(labels).list().getItems()
                    : client.resources(type).withLabels(labels).list().getItems();
        });
    }

    /**
     * Creates {@code desired} unless it exists; returns the live object. An existing object must carry Slipway's
     * labels for {@code key} (or, with no key, Slipway's managed-by label), else nothing is changed and
     * PREVIEW_FAILED names it.
     */
    <T extends HasMetadata> T ensure(T desired, PreviewKey key) {
        T created = createOrNull(desired);
        if (created != null) {
            return created;
        }
        @SuppressWarnings("unchecked")
        T live = (T) get(desired.getClass(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        if (live == null) {
            return call("create " + describe(desired), () -> client.resource(desired).create());
        }
        if (key == null ? !PreviewLabels.managed(live) : !PreviewLabels.ours(live, key)) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, describe(desired) + " exists without Slipway's labels "
                    + "for " + key + " (" + PreviewLabels.MANAGED_BY + "=slipway, " + PreviewLabels.REPO + ", "
                    + PreviewLabels.PR + "); it is left as it is: rename or remove it");
        }
        return live;
    }

    /** The created object, or {@code null} when the API answered 409 (it exists, or a conflict to read back). */
    private <T extends HasMetadata> T createOrNull(T desired) {
        try {
            return client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null;
            }
            throw failed("create " + describe(desired), e);
        }
    }

    /** Merges {@code annotations} into the object's (a JSON merge patch: one request). */
    void annotate(HasMetadata o, Map<String, String> annotations) {
        String body = JSON.createObjectNode().set("metadata",
                JSON.createObjectNode().set("annotations", JSON.valueToTree(annotations))).toString();
        call("annotate " + describe(o), () -> client.resource(o).patch(PatchContext.of(PatchType.JSON_MERGE), body));
    }

    /** Merges {@code labels} into the object's (a JSON merge patch: one request). */
    void label(HasMetadata o, Map<String, String> labels) {
        String body = JSON.createObjectNode().set("metadata",
                JSON.createObjectNode().set("labels", JSON.valueToTree(labels))).toString();
        call("label " + describe(o), () -> client.resource(o).patch(PatchContext.of(PatchType.JSON_MERGE), body));
    }

    /** Deletes the object; gone already is fine. */
    void delete(HasMetadata o) {
        call("delete " + describe(o), () -> client.resource(o).delete());
    }

    static String describe(HasMetadata o) {
        return o.getKind() + " " + path(o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    private static String path(String namespace, String name) {
        return namespace == null ? name : namespace + "/" + name;
    }

    private static <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw failed(what, e);
        }
    }

    static SlipwayException failed(String what, KubernetesClientException e) {
        String hint = switch (e.getCode()) {
            case 401, 403 -> "Slipway's ServiceAccount lacks that permission: compare with overlays/base/rbac.yaml";
            case 409 -> "another writer changed it at the same time; the next reconciliation tries again";
            case 0 -> "the API server cannot be reached; the next reconciliation tries again";
            default -> e.getCode() >= 500 ? "the API server failed (after the client's retries); the next "
                    + "reconciliation tries again" : "the API server refused the request";
        };
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new SlipwayException(ErrorCode.PREVIEW_FAILED, "cannot " + what + ": HTTP " + e.getCode() + " "
                + status + "; " + hint, e);
    }
}
