package dev.slipway.bench;

import dev.slipway.testing.MockCluster;
import dev.slipway.testing.ClusterSimulator;
import dev.slipway.testing.ApiRequestLog;
import dev.slipway.config.ConfigLoader;
import dev.slipway.config.ServeConfig;
import dev.slipway.env.EnvironmentProvider;
import dev.slipway.env.PreviewTarget;
import dev.slipway.env.kube.KubernetesProvider;
import dev.slipway.env.kube.ManifestTemplates;
import dev.slipway.env.kube.PreviewAddress;
import dev.slipway.env.kube.PreviewLabels;
import dev.slipway.plan.DesiredPreview;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.Plan;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import dev.slipway.plan.ReconcilePolicy;
import dev.slipway.plan.Reconciler;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContentBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code slipway bench kube}: the kubernetes provider against fabric8's mock API server started in this JVM, with the
 * simulated controller. Counts the API requests of each preview created (create, then mark ready) and destroyed, and
 * times reconciliations of many ready previews with nothing to do, counting their requests and writes.
 */
public final class KubeBench {

    /**
     * @param previews          created and destroyed one by one
     * @param reconcilePreviews ready previews seeded for the reconcile
     * @param reconcileRuns     timed reconciliations
     */
    public record Options(int previews, int reconcilePreviews, int reconcileRuns) {
    }

    private static final String REPO = "slipway-bench/shop";
    private final Options options;
    private final Consumer<String> progress;

    public KubeBench(Options options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public KubeBenchReport call() {
        Machine machine = Machine.local();
        try (MockCluster cluster = MockCluster.start(ClusterSimulator.Pods.NONE, 5)) {
            cluster.seedGolden("slipway-golden", "golden-1", true);
            KubernetesProvider provider = provider(cluster);
            progress.accept("creating and destroying " + options.previews() + " previews");
            KubeBenchReport.Requests create = count(cluster.requests(), options.previews(), i -> create(provider, i));
            List<EnvironmentProvider.Inventory> seen = List.of(provider.inventory());
            KubeBenchReport.Requests destroy = count(cluster.requests(), options.previews(),
                    i -> provider.drop(seen.get(0).previews().get(i)));
            progress.accept("reconcile: " + options.reconcilePreviews() + " ready previews, nothing to do");
            KubeBenchReport.Reconcile reconcile = reconcile(cluster, provider);
            return KubeBenchReport.of(machine, options.previews(), create, destroy, reconcile);
        }
    }

    private static KubernetesProvider provider(MockCluster cluster) {
        ServeConfig.Kubernetes d = ConfigLoader.kubernetesDefaults("slipway-golden");
        ServeConfig.Kubernetes k = new ServeConfig.Kubernetes(d.goldenNamespace(), null, d.slipwayNamespace(),
                d.postgresImage(), d.storageClass(), d.volumeSize(), d.database(), d.user(), d.quota(), d.cpu(),
                d.memory(), Duration.ofSeconds(30), Duration.ofMillis(50));
        return new KubernetesProvider(cluster.client(), new KubernetesProvider.Settings(k, Duration.ofHours(72),
                Duration.ofSeconds(5), PreviewAddress.inCluster(), ManifestTemplates.fromClasspath()));
    }

    private static void create(KubernetesProvider provider, int i) {
        PreviewKey key = new PreviewKey(REPO, String.valueOf(i + 1));
        PreviewTarget t = provider.create(NamespaceNames.of(key), key, "head" + i);
        provider.mark(t, PreviewState.READY);
    }

    private interface Step {
        void run(int i);
    }

    private static KubeBenchReport.Requests count(ApiRequestLog log, int n, Step step) {
        List<Integer> counts = new ArrayList<>();
        Map<String, Integer> first = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int mark = log.size();
            step.run(i);
            List<ApiRequestLog.Request> sent = log.since(mark);
            counts.add(sent.size());
            if (i == 0) {
                sent.forEach(r -> first.merge(r.method() + " " + resource(r.path()), 1, Integer::sum));
            }
        }
        return KubeBenchReport.Requests.of(counts, first);
    }

    /** The resource a request is about: the path's segment after the namespace (or the first after the version). */
    static String resource(String path) {
        String[] s = path.replaceFirst("^/(api/v1|apis/[^/]+/[^/]+)/", "").split("/");
        return s.length >= 3 && s[0].equals("namespaces") ? s[2] : s[0];
    }

    private KubeBenchReport.Reconcile reconcile(MockCluster cluster, KubernetesProvider provider) {
        Instant now = Instant.now();
        List<DesiredPreview> desired = seed(cluster, options.reconcilePreviews(), now);
        Reconciler reconciler = new Reconciler(new ReconcilePolicy(Duration.ofHours(72), options.reconcilePreviews()),
                NamespaceNames::of);
        int mark = cluster.requests().size();
        List<Long> runs = new ArrayList<>();
        Plan plan = null;
        for (int i = 0; i < options.reconcileRuns(); i++) {
            long t0 = System.nanoTime();
            EnvironmentProvider.Inventory inventory = provider.inventory().of(REPO);
            plan = reconciler.plan(desired, inventory.previews(), inventory.foreign(), Set.of(), Instant.now());
            runs.add((System.nanoTime() - t0) / 1_000_000);
        }
        List<ApiRequestLog.Request> sent = cluster.requests().since(mark);
        return new KubeBenchReport.Reconcile(options.reconcilePreviews(), runs,
                runs.stream().mapToLong(Long::longValue).max().orElse(0), sent.size(),
                (int) sent.stream().filter(ApiRequestLog.Request::write).count(),
                plan == null ? 0 : (int) plan.actions().stream().filter(Plan::changes).count());
    }

    /** Ready previews as the provider leaves them (namespace with its mark, snapshot content), written directly. */
    private static List<DesiredPreview> seed(MockCluster cluster, int n, Instant now) {
        List<DesiredPreview> desired = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PreviewKey key = new PreviewKey(REPO, String.valueOf(1000 + i));
            String ns = NamespaceNames.of(key);
            Map<String, String> mark = Map.of(PreviewLabels.REPO, key.repo(), PreviewLabels.PR, key.id(),
                    PreviewLabels.HEAD, "sha" + i, PreviewLabels.STATE, "ready", PreviewLabels.CREATED, now.toString());
            cluster.admin().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                    .withLabels(PreviewLabels.of(key)).withAnnotations(mark).endMetadata().build()).create();
            cluster.admin().resource(new VolumeSnapshotContentBuilder().withNewMetadata().withName("slipway-" + ns)
                    .withLabels(PreviewLabels.of(key)).withAnnotations(mark).endMetadata().withNewSpec()
                    .withDeletionPolicy("Retain").withDriver("hostpath.csi.k8s.io").withNewSource()
                    .withSnapshotHandle("snap-golden").endSource().withNewVolumeSnapshotRef().withName("golden")
                    .withNamespace(ns).endVolumeSnapshotRef().endSpec().build()).create();
            desired.add(new DesiredPreview(key, "sha" + i, "branch-" + i, now));
        }
        return desired;
    }
}
