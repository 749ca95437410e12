package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.GateConfig;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PodDisruptionBudgets read through the fabric8 mock API server in CRUD mode, as a cluster would store them. */
@EnableKubernetesMockClient(crud = true)
class PdbCheckIT {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final GateEvaluator evaluator = new GateEvaluator(2, Clock.systemUTC());

    @AfterEach
    void clean() {
        client.policy().v1().podDisruptionBudget().inAnyNamespace().delete();
        evaluator.close();
    }

    /** A budget as the disruption controller leaves it: generation, observed generation, counts and the condition. */
    static PodDisruptionBudget pdb(String ns, String name, long generation, long observed, int allowed, String condition) {
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withNamespace(ns).withName(name).withGeneration(generation)
                .withLabels(Map.of("app.kubernetes.io/part-of", "shop")).endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(2)).endSpec()
                .withNewStatus().withObservedGeneration(observed).withDisruptionsAllowed(allowed).withCurrentHealthy(2 + allowed)
                .withDesiredHealthy(2).withExpectedPods(2 + allowed)
                .withConditions(new ConditionBuilder().withType("DisruptionAllowed").withStatus(condition)
                        .withReason("True".equals(condition) ? "SufficientPods" : "InsufficientPods")
                        .withLastTransitionTime("2026-01-01T00:00:00Z").build())
                .endStatus().build();
    }

    /**
     * Creates the budget as an API server would: the server owns {@code metadata.generation} (1 on create, one more
     * per spec change), so the spec is edited until the wanted generation is reached; then the status is written.
     */
    private static void store(PodDisruptionBudget p) {
        long generation = p.getMetadata().getGeneration();
        PodDisruptionBudget stored = client.resource(p).create();
        for (int i = 1; i < generation; i++) {
            int min = stored.getSpec().getMinAvailable().getIntVal();
            stored = client.resource(stored).edit(b -> new PodDisruptionBudgetBuilder(b).editSpec()
                    .withMinAvailable(new IntOrString(min + 1)).endSpec().build());
        }
        assertThat(stored.getMetadata().getGeneration()).as("generation kept by the mock API server").isEqualTo(generation);
        stored.setStatus(p.getStatus());
        client.resource(stored).updateStatus();
    }

    private Verdict evaluate(KubernetesClient kube, GateConfig.Pdb settings) {
        return evaluator.evaluate(new GateEvaluator.Plan("prod", List.of(new PdbCheck(kube, settings)),
                Duration.ofSeconds(5), false), "abc").verdict();
    }

    private Verdict evaluate(String... namespaces) {
        return evaluate(client, new GateConfig.Pdb(List.of(namespaces), null, 1));
    }

    @Test
    void healthyBudgetsPassAndReportHealthyCounts() {
        store(pdb("shop", "web", 2, 2, 1, "True"));
        store(pdb("shop", "api", 1, 1, 2, "True"));

        Verdict v = evaluate("shop");

        assertThat(v.outcome()).as(v.checks().toString()).isEqualTo(Verdict.Outcome.PASS);
        assertThat(v.checks()).extracting(CheckResult::name).containsExactly("pdb:shop/api", "pdb:shop/web");
        assertThat(v.checks().get(1).observed()).contains("disruptionsAllowed 1", "healthy 3/2", "generation 2/2");
    }

    @Test
    void zeroDisruptionsAllowedFails() {
        store(pdb("shop", "web", 2, 2, 1, "True"));
        store(pdb("shop", "db", 1, 1, 0, "True"));

        Verdict v = evaluate("shop");

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
        assertThat(v.blocking()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("pdb:shop/db");
            assertThat(c.reason()).contains("only 0 disruptions allowed");
        });
    }

    @Test
    void staleObservedGenerationFails() {
        store(pdb("shop", "web", 5, 4, 1, "True"));

        Verdict v = evaluate("shop");

        assertThat(v.blocking()).singleElement().satisfies(c ->
                assertThat(c.reason()).contains("stale status", "observedGeneration 4 is behind generation 5"));
    }

    @Test
    void disruptionAllowedFalseFails() {
        store(pdb("shop", "web", 1, 1, 1, "False"));

        Verdict v = evaluate("shop");

        assertThat(v.blocking()).singleElement().satisfies(c ->
                assertThat(c.reason()).contains("DisruptionAllowed is False", "InsufficientPods"));
    }

    @Test
    void onlyTheEnvironmentsNamespacesAndSelectorCount() {
        store(pdb("shop", "web", 1, 1, 1, "True"));
        store(pdb("other", "broken", 1, 1, 0, "False"));
        PodDisruptionBudget unlabelled = pdb("shop", "batch", 1, 1, 0, "False");
        unlabelled.getMetadata().setLabels(Map.of("app", "batch"));
        store(unlabelled);

        Verdict v = evaluate(client, new GateConfig.Pdb(List.of("shop"), "app.kubernetes.io/part-of=shop", 1));

        assertThat(v.checks()).extracting(CheckResult::name).containsExactly("pdb:shop/web");
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.PASS);
    }

    @Test
    void noBudgetAtAllIsUnknownNotPass() {
        Verdict v = evaluate("empty");

        assertThat(v.checks()).singleElement().satisfies(c -> {
            assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
            assertThat(c.reason()).contains("no PodDisruptionBudget in namespaces [empty]");
        });
        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
    }

    @Test
    void unreachableApiServerIsUnknownNotPass() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:" + port)
                .withRequestTimeout(1000).withConnectionTimeout(1000).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient down = new KubernetesClientBuilder().withConfig(config).build()) {
            Verdict v = evaluate(down, new GateConfig.Pdb(List.of("shop"), null, 1));

            assertThat(v.checks()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("pdb");
                assertThat(c.result()).isEqualTo(CheckResult.Result.UNKNOWN);
                assertThat(c.reason()).contains("Kubernetes API", "did not answer");
            });
            assertThat(v.outcome()).isEqualTo(Verdict.Outcome.FAIL);
        }
    }
}
