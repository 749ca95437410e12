package dev.slipway.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.slipway.testing.RepoFolders;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code overlays/hooks} component as it ships, rendered by {@code kubectl kustomize} inside a small
 * environment overlay and loaded with the fabric8 client: the Argo CD hook annotations, the Job settings and the
 * restricted security context. Needs {@code kubectl} on PATH: without it the test fails.
 */
class HooksComponentIT {

    private static final String COMMIT = "9a8b7c6d5e4f30211203948576a6b5c4d3e2f100";

    @TempDir
    Path dir;

    private List<HasMetadata> render() throws IOException, InterruptedException {
        Path hooks = RepoFolders.path("overlays/hooks");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: shop-prod
                # what an Argo CD Application with kustomize.commonAnnotations (commonAnnotationsEnvsubst: true)
                # adds: slipway.dev/commit: ${ARGOCD_APP_REVISION}
                commonAnnotations:
                  slipway.dev/commit: %s
                components:
                  - %s
                images:
                  - {name: slipway, newName: ghcr.io/acme/slipway, newTag: "1.4.0"}
                patches:
                  - target: {kind: ConfigMap, name: slipway-promotion}
                    patch: |
                      - {op: replace, path: /data/environment, value: prod}
                """.formatted(COMMIT, dir.toAbsolutePath().relativize(hooks.toAbsolutePath())));
        Process p = new ProcessBuilder(kubectl(), "kustomize", dir.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.empty()).build()) {
            return client.load(new ByteArrayInputStream(out)).items();
        }
    }

    private static String kubectl() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "kubectl"))) {
                return Path.of(d, "kubectl").toString();
            }
        }
        return fail("kubectl is not on PATH: install it (kubectl 1.32 renders the overlays offline)");
    }

    private static Job job(List<HasMetadata> items, String name) {
        return items.stream().filter(Job.class::isInstance).map(Job.class::cast)
                .filter(j -> j.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void gateRunsBeforeMigrateAsPreSyncHooks() throws Exception {
        List<HasMetadata> items = render();

        Map<String, String> gate = job(items, "slipway-gate").getMetadata().getAnnotations();
        Map<String, String> migrate = job(items, "slipway-migrate").getMetadata().getAnnotations();
        assertThat(gate).containsEntry("argocd.argoproj.io/hook", "PreSync")
                .containsEntry("argocd.argoproj.io/sync-wave", "-2")
                .containsEntry("argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation");
        assertThat(migrate).containsEntry("argocd.argoproj.io/hook", "PreSync")
                .containsEntry("argocd.argoproj.io/sync-wave", "-1")
                .containsEntry("argocd.argoproj.io/hook-delete-policy", "BeforeHookCreation");
        assertThat(job(items, "slipway-gate").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("gate");
        assertThat(job(items, "slipway-migrate").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .containsExactly("migrate");
    }

    @Test
    void jobsNeverRetryAndHaveADeadline() throws Exception {
        List<HasMetadata> items = render();

        for (String name : List.of("slipway-gate", "slipway-migrate")) {
            Job j = job(items, name);
            assertThat(j.getSpec().getBackoffLimit()).as(name).isZero();
            assertThat(j.getSpec().getActiveDeadlineSeconds()).as(name).isPositive();
            assertThat(j.getSpec().getTemplate().getSpec().getRestartPolicy()).as(name).isEqualTo("Never");
            assertThat(j.getMetadata().getNamespace()).isEqualTo("shop-prod");
        }
    }

    @Test
    void podsMeetTheRestrictedPodSecurityStandard() throws Exception {
        for (String name : List.of("slipway-gate", "slipway-migrate")) {
            PodSpec pod = job(render(), name).getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            Container c = pod.getContainers().get(0);
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getImage()).isEqualTo("ghcr.io/acme/slipway:1.4.0");
        }
    }

    @Test
    void environmentComesFromThePatchedPromotionConfigMapWhichIsCreatedFirst() throws Exception {
        List<HasMetadata> items = render();

        ConfigMap promotion = items.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("slipway-promotion")).findFirst().orElseThrow();
        assertThat(promotion.getData()).containsEntry("environment", "prod");
        assertThat(promotion.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/hook", "PreSync")
                .containsEntry("argocd.argoproj.io/sync-wave", "-3");
        EnvVar env = job(items, "slipway-gate").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("SLIPWAY_ENV")).findFirst().orElseThrow();
        assertThat(env.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("slipway-promotion");
        assertThat(env.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo("environment");
    }

    @Test
    void bothJobsNameTheCommitTheApplicationIsSyncing() throws Exception {
        List<HasMetadata> items = render();

        for (String name : List.of("slipway-gate", "slipway-migrate")) {
            Job j = job(items, name);
            assertThat(j.getSpec().getTemplate().getMetadata().getAnnotations()).as(name)
                    .containsEntry("slipway.dev/commit", COMMIT);
            EnvVar commit = j.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("SLIPWAY_COMMIT")).findFirst().orElseThrow();
            assertThat(commit.getValueFrom().getFieldRef().getFieldPath()).as(name)
                    .isEqualTo("metadata.annotations['slipway.dev/commit']");
        }
    }
}
