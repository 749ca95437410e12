package dev.slipway.bench;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/**
 * fabric8's mock Kubernetes API server in CRUD mode, in-process, holding healthy PodDisruptionBudgets as the disruption
 * controller leaves them. For {@code slipway bench gate}. {@link #close()} stops it.
 */
final class MockPdbs implements AutoCloseable {

    /** The mock server logs every request at INFO through java.util.logging; kept here so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockPdbs(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /** Starts the server with {@code count} healthy budgets in {@code namespace}. */
    static MockPdbs start(String namespace, int count) {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        MockPdbs pdbs = new MockPdbs(server);
        for (int i = 0; i < count; i++) {
            pdbs.healthy(namespace, String.format("service-%02d", i));
        }
        return pdbs;
    }

    private void healthy(String namespace, String name) {
        PodDisruptionBudget created = client.resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(2)).endSpec().build()).create();
        created.setStatus(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder()
                .withObservedGeneration(created.getMetadata().getGeneration()).withDisruptionsAllowed(1)
                .withCurrentHealthy(3).withDesiredHealthy(2).withExpectedPods(3)
                .withConditions(new ConditionBuilder().withType("DisruptionAllowed").withStatus("True")
                        .withReason("SufficientPods").withLastTransitionTime("2026-01-01T00:00:00Z").build()).build());
        client.resource(created).updateStatus();
    }

    KubernetesClient client() {
        return client;
    }

    String url() {
        return client.getMasterUrl().toString();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
