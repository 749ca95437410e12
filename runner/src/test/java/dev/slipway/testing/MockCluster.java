package dev.slipway.testing;

import dev.slipway.env.kube.PreviewLabels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshot;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotBuilder;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContent;
import io.fabric8.volumesnapshot.api.model.VolumeSnapshotContentBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * fabric8's mock API server in CRUD mode (expectations, such as an injected 500, answer first) with a
 * {@link ClusterSimulator} ticking on its own thread and client, and a client for the code under test whose every
 * request is logged. For {@code slipway bench kube} and the Kubernetes tests. Close it to stop everything.
 */
public final class MockCluster implements AutoCloseable {

    /** The mock server logs every request at INFO through java.util.logging: kept to warnings (held: JUL keeps weak refs). */
    private static final java.util.logging.Logger QUIET = quiet();

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubernetesClient admin;
    private final ApiRequestLog requests = new ApiRequestLog();
    private final List<KubernetesClient> clients = new CopyOnWriteArrayList<>();
    private final ClusterSimulator simulator;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cluster-simulator");
        t.setDaemon(true);
        return t;
    });

    private MockCluster(ClusterSimulator.Pods pods, long tickMillis) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = newClient(null);
        admin = server.createClient();
        simulator = new ClusterSimulator(admin, pods);
        ticker.scheduleWithFixedDelay(simulator::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    /** Starts the server and the simulator, which ticks every {@code tickMillis}. */
    public static MockCluster start(ClusterSimulator.Pods pods, long tickMillis) {
        return new MockCluster(pods, tickMillis);
    }

    /** The client for the code under test; its requests are in {@link #requests()}. */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Another client for code under test, logged like {@link #client()}, with {@code extra} (when not null) seeing
     * every request after the log: to inject a failure. The client retries a 5xx answer twice, 10 ms apart.
     */
    public KubernetesClient newClient(Interceptor extra) {
        KubernetesClient c = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(2)
                .withRequestRetryBackoffInterval(10).endConfig().withHttpClientBuilderConsumer(h -> {
                    requests.installer().accept(h);
                    if (extra != null) {
                        h.addOrReplaceInterceptor("extra", extra);
                    }
                }));
        clients.add(c);
        return c;
    }

    /** A client of the test's own (or the simulator's): its requests are not logged. */
    public KubernetesClient admin() {
        return admin;
    }

    public ApiRequestLog requests() {
        return requests;
    }

    public KubernetesMockServer server() {
        return server;
    }

    public void fault(ClusterSimulator.Fault fault) {
        simulator.fault(fault);
    }

    /**
     * A ready golden VolumeSnapshot in {@code namespace} with its bound content, as a CSI driver leaves one.
     *
     * @param masked whether to label it as a finished masked copy (with a rules hash)
     */
    public VolumeSnapshot seedGolden(String namespace, String name, boolean masked) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .createOr(n -> n.update());
        String contentName = "snapcontent-" + UUID.randomUUID();
        VolumeSnapshotContent content = admin.resource(new VolumeSnapshotContentBuilder().withNewMetadata()
                .withName(contentName).endMetadata().withNewSpec().withDeletionPolicy("Retain")
                .withDriver("hostpath.csi.k8s.io").withNewSource().withVolumeHandle("pv-golden").endSource()
                .withNewVolumeSnapshotRef().withName(name).withNamespace(namespace).endVolumeSnapshotRef().endSpec()
                .build()).create();
        content.setStatus(new io.fabric8.volumesnapshot.api.model.VolumeSnapshotContentStatusBuilder().withReadyToUse(true)
                .withSnapshotHandle("snap-" + UUID.randomUUID()).withRestoreSize(1L << 30).build());
        admin.resource(content).updateStatus();
        VolumeSnapshotBuilder vs = new VolumeSnapshotBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().withNewSpec().withVolumeSnapshotClassName("csi-hostpath-snapclass").withNewSource()
                .withPersistentVolumeClaimName("golden-data").endSource().endSpec();
        if (masked) {
            vs.editMetadata().addToLabels(PreviewLabels.MASKED, "true")
                    .addToLabels(PreviewLabels.RULES_HASH, "0123456789abcdef0123456789abcdef").endMetadata();
        }
        VolumeSnapshot created = admin.resource(vs.build()).create();
        created.setStatus(new io.fabric8.volumesnapshot.api.model.VolumeSnapshotStatusBuilder().withReadyToUse(true)
                .withBoundVolumeSnapshotContentName(contentName).build());
        return admin.resource(created).updateStatus();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.forEach(KubernetesClient::close);
        admin.close();
        server.destroy();
    }
}
