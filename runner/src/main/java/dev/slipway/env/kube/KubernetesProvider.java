package dev.slipway.env.kube;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ServeConfig;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.env.EnvironmentProvider;
import dev.slipway.env.PreviewMark;
import dev.slipway.env.PreviewTarget;
import dev.slipway.plan.ActualPreview;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Previews as namespaces: quota, limit range and network policy; the golden VolumeSnapshot's data bound into the
 * namespace through a pre-provisioned VolumeSnapshotContent (Retain) and a VolumeSnapshot; a volume restored from it;
 * PostgreSQL on that volume with a generated password. Every step creates what is missing and keeps what is there, so
 * re-running {@link #create} after a crash at any point converges. Only objects with Slipway's labels and a mark naming
 * the same pull request are ever deleted. Thread-safe.
 */
public final class KubernetesProvider implements EnvironmentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesProvider.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param ttl            how long a preview idles before it is dropped (written as its expires-at annotation)
     * @param connectTimeout the connect timeout of connections to a preview
     * @param address        how Slipway reaches a preview's PostgreSQL
     */
    public record Settings(ServeConfig.Kubernetes kube, Duration ttl, Duration connectTimeout, PreviewAddress address,
                           ManifestTemplates templates) {
    }

    private final KubeCalls calls;
    private final Settings settings;
    private final GoldenSnapshots goldens;
    private final Readiness readiness;

    public KubernetesProvider(KubernetesClient client, Settings settings) {
        this.calls = new KubeCalls(client);
        this.settings = settings;
        ServeConfig.Kubernetes kube = settings.kube();
        this.goldens = new GoldenSnapshots(calls, kube.goldenNamespace(), kube.goldenSnapshot());
        this.readiness = new Readiness(calls, kube.readyTimeout(), kube.pollInterval());
    }

    @Override
    public String kind() {
        return "kubernetes";
    }

    /** Two list requests: all namespaces (to see unlabelled ones with preview names) and Slipway's snapshot contents. */
    @Override
    public Inventory inventory() {
        return new KubeInventory(calls.list(Namespace.class, null, Map.of()),
                calls.list(io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent.class, null,
                        Map.of(PreviewLabels.MANAGED_BY, PreviewLabels.SLIPWAY))).inventory();
    }

    @Override
    public PreviewTarget create(String name, PreviewKey key, String headSha) {
        requireName(name, key);
        Golden golden = goldens.require();
        Instant now = Instant.now();
        PreviewSpec spec = new PreviewSpec(name, key, headSha, PreviewState.BUILDING, now, now.plus(settings.ttl()),
                golden, settings.kube(), newPassword());
        List<HasMetadata> objects = settings.templates().render(spec.values());
        claim((Namespace) objects.get(0), spec);
        String password = null;
        for (HasMetadata o : objects.subList(1, objects.size())) {
            HasMetadata live = calls.ensure(o, key);
            if (live instanceof Secret secret) {
                password = password(secret);
            }
        }
        readiness.await(spec);
        LOG.info("preview namespace {} for {} is ready, restored from {}", name, key, golden.ref());
        return new PreviewTarget(name, key, headSha, now, connection(name, password));
    }

    /** Creates the namespace, or takes over an existing one only when its mark names the same pull request. */
    private void claim(Namespace desired, PreviewSpec spec) {
        Namespace live = calls.ensure(desired, spec.key());
        Optional<PreviewMark> mark = PreviewLabels.mark(live);
        if (mark.isEmpty() || !mark.get().key().equals(spec.key())) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "namespace " + spec.namespace() + " carries Slipway's "
                    + "labels but its annotations do not name " + spec.key() + "; it is left as it is");
        }
        if (live.getMetadata().getDeletionTimestamp() != null) {
            throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "namespace " + spec.namespace() + " is still being "
                    + "deleted (the previous preview of " + spec.key() + "); the next reconciliation tries again");
        }
        if (!mark.get().headSha().equals(spec.headSha()) || mark.get().state() != PreviewState.BUILDING) {
            calls.annotate(live, Map.of(PreviewLabels.HEAD, spec.headSha(), PreviewLabels.STATE,
                    PreviewState.BUILDING.id(), PreviewLabels.CREATED, spec.createdAt().toString()));
        }
    }

    @Override
    public void mark(PreviewTarget target, PreviewState state) {
        calls.annotate(namespace(target.name()), Map.of(PreviewLabels.STATE, state.id(), PreviewLabels.HEAD,
                target.headSha()));
    }

    @Override
    public void drop(ActualPreview preview) {
        requireLabel(preview.name());
        Namespace ns = calls.get(Namespace.class, null, preview.name());
        if (ns != null) {
            requireMark(ns, preview, "namespace " + preview.name());
            calls.delete(ns);
        }
        String content = "slipway-" + preview.name();
        var vsc = calls.get(io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent.class, null, content);
        if (vsc != null) {
            requireMark(vsc, preview, "VolumeSnapshotContent " + content);
            calls.delete(vsc);
        }
        awaitGone(preview.name());
        LOG.info("dropped preview namespace {} of {}", preview.name(), preview.key());
    }

    private static void requireMark(HasMetadata o, ActualPreview preview, String what) {
        if (PreviewLabels.mark(o).map(m -> m.key().equals(preview.key())).orElse(false)) {
            return;
        }
        throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "refusing to delete " + what + ": it does not carry "
                + "Slipway's labels and mark for " + preview.key() + "; it is left as it is");
    }

    /** A real cluster removes a namespace's contents first; a rebuild must not race the old namespace. */
    private void awaitGone(String name) {
        long deadline = System.nanoTime() + settings.kube().readyTimeout().toNanos();
        while (calls.get(Namespace.class, null, name) != null) {
            if (System.nanoTime() > deadline) {
                LOG.warn("namespace {} is still terminating after {}; the next reconciliation sees it", name,
                        settings.kube().readyTimeout());
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(settings.kube().pollInterval().toNanos());
        }
    }

    @Override
    public ConnectionInfo connectionInfo(String name) {
        String url = jdbcUrl(name);
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new ConnectionInfo(uri.getHost(), port, uri.getPath().substring(1), settings.kube().user(), url);
    }

    private ConnectionSpec connection(String name, String password) {
        return new ConnectionSpec(jdbcUrl(name), settings.kube().user(), password, settings.connectTimeout());
    }

    private String jdbcUrl(String name) {
        return settings.address().jdbcUrl(name, "postgres", settings.kube().database());
    }

    private static String password(Secret secret) {
        if (secret.getData() != null && secret.getData().get("password") != null) {
            return new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
        }
        if (secret.getStringData() != null && secret.getStringData().get("password") != null) {
            return secret.getStringData().get("password");
        }
        throw new SlipwayException(ErrorCode.PREVIEW_FAILED, "Secret " + secret.getMetadata().getNamespace()
                + "/postgres has no key 'password'; drop the preview (close and reopen, or push) to rebuild it");
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    private static void requireName(String name, PreviewKey key) {
        if (!name.equals(NamespaceNames.of(key))) {
            throw new IllegalArgumentException("not the preview namespace of " + key + ": " + name);
        }
    }

    private static void requireLabel(String name) {
        if (!NamespaceNames.isLabel(name) || !name.startsWith(NamespaceNames.PREFIX)) {
            throw new IllegalArgumentException("not a preview namespace: " + name);
        }
    }
}
