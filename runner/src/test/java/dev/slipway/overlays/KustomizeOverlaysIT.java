package dev.slipway.overlays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.config.ConfigLoader;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.testing.Kustomize;
import dev.slipway.testing.ModelCheck;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay builds with {@code kubectl kustomize}, every object loads with fabric8, and the Deployment is sound. */
class KustomizeOverlaysIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void everyRenderedObjectHasOnlyFieldsOfTheKubernetesSchema(String overlay) {
        List<HasMetadata> all = Kustomize.build(overlay);

        assertThat(all).isNotEmpty().flatMap(ModelCheck::problems).isEmpty();
    }

    @Test
    void aMisspeltFieldFailsTheSchemaCheckNamingItsPath() throws IOException {
        Path component = Files.createDirectories(dir.resolve("typo"));
        Files.writeString(component.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                patches:
                  - target: {kind: Deployment}
                    patch: |
                      - {op: add, path: /spec/template/spec/containers/0/securityContext/readOnlyRootFilesytem, value: true}
                """);

        List<String> problems = Kustomize.build(dir.resolve("render"), "prod", List.of(component)).stream()
                .flatMap(o -> ModelCheck.problems(o).stream()).toList();

        assertThat(problems).singleElement().asString().startsWith("Deployment/slipway")
                .contains("spec.template.spec.containers[0].securityContext.readOnlyRootFilesytem: unknown field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "dev", "staging", "prod"})
    void everyOverlayBuildsAndLoadsWithTheFabric8Client(String overlay) throws IOException {
        List<HasMetadata> all = Kustomize.build(overlay);
        List<HasMetadata> objects = all.stream().filter(o -> !hook(o)).toList();

        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder("Namespace", "ServiceAccount",
                "ClusterRole", "Role", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Service", "Deployment",
                "PodDisruptionBudget", "NetworkPolicy");
        assertNamespace(all, overlay.equals("base") ? "slipway" : "slipway-" + overlay);
        assertThat(all).noneMatch(o -> o.getKind().equals("Secret"));
        if (!overlay.equals("base")) {
            assertHooks(all.stream().filter(KustomizeOverlaysIT::hook).toList(), overlay);
        }
        assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
        Deployment d = one(objects, Deployment.class);
        assertDeployment(d);
        String sa = objects.stream().filter(o -> o.getKind().equals("ServiceAccount")).findFirst().orElseThrow()
                .getMetadata().getName();
        assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(sa);
        ClusterRoleBinding binding = one(objects, ClusterRoleBinding.class);
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(sa);
            assertThat(s.getNamespace()).isEqualTo(overlay.equals("base") ? "slipway" : "slipway-" + overlay);
        });
        assertConfig(one(objects, ConfigMap.class), overlay);
    }

    /**
     * The overlay creates the namespace it deploys into, and puts every namespaced object there; Argo CD never prunes
     * or deletes it (it holds the Secret the platform creates).
     */
    private static void assertNamespace(List<HasMetadata> all, String namespace) {
        HasMetadata ns = all.stream().filter(o -> o.getKind().equals("Namespace")).collect(
                Collectors.collectingAndThen(Collectors.toList(), l -> { assertThat(l).hasSize(1); return l.get(0); }));
        assertThat(ns.getMetadata().getName()).isEqualTo(namespace);
        assertThat(ns.getMetadata().getAnnotations()).containsEntry("argocd.argoproj.io/sync-options",
                "Prune=false,Delete=false");
        assertThat(all).filteredOn(o -> !o.getKind().matches("Namespace|ClusterRole|ClusterRoleBinding"))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind() + "/"
                        + o.getMetadata().getName()).isEqualTo(namespace));
    }

    private static boolean hook(HasMetadata o) {
        return o.getMetadata().getAnnotations() != null
                && o.getMetadata().getAnnotations().containsKey("argocd.argoproj.io/hook");
    }

    /** Each environment gets the PreSync gate and migrate Jobs, named for it, with this sync's slipway.yaml. */
    private void assertHooks(List<HasMetadata> hooks, String overlay) throws IOException {
        assertThat(hooks).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "ServiceAccount/slipway-hooks-" + overlay, "ClusterRole/slipway-hooks-pdb-reader-" + overlay,
                "ClusterRoleBinding/slipway-hooks-pdb-reader-" + overlay, "ConfigMap/slipway-promotion-" + overlay,
                "ConfigMap/slipway-hook-config-" + overlay, "Job/slipway-gate-" + overlay,
                "Job/slipway-migrate-" + overlay);
        Map<String, ConfigMap> maps = hooks.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .collect(Collectors.toMap(m -> m.getMetadata().getName(), m -> m));
        assertThat(maps.get("slipway-promotion-" + overlay).getData()).containsEntry("environment", overlay);
        Path file = Files.writeString(dir.resolve("hook.yaml"),
                maps.get("slipway-hook-config-" + overlay).getData().get("slipway.yaml"));
        assertThat(ConfigLoader.load(file).environments().get(overlay).gate()).as("the gate of " + overlay).isNotNull();
        hooks.stream().filter(Job.class::isInstance).map(Job.class::cast).forEach(j -> assertThat(
                j.getSpec().getTemplate().getSpec().getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap().getName())
                .isEqualTo("slipway-hook-config-" + overlay)));
    }

    private static void assertDeployment(Deployment d) {
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        var pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = pod.getContainers().get(0);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getResources().getLimits()).doesNotContainKey("cpu");
        assertThat(c.getEnv()).extracting(EnvVar::getName).noneMatch(n -> n.matches(".*(TOKEN|SECRET|PW|PASSWORD)"));
        assertThat(c.getEnvFrom()).singleElement().satisfies(e -> assertThat(e.getSecretRef().getName())
                .isEqualTo("slipway-secrets"));
    }

    /** The shipped slipway.yaml is valid, and its namespace is the one the overlay deploys into. */
    private void assertConfig(ConfigMap config, String overlay) throws IOException {
        Path file = Files.writeString(dir.resolve("slipway.yaml"), config.getData().get("slipway.yaml"));
        SlipwayConfig c = ConfigLoader.load(file);
        assertThat(c.serve().previews().provider()).isEqualTo("kubernetes");
        assertThat(c.serve().previews().kubernetes().slipwayNamespace())
                .isEqualTo(overlay.equals("base") ? "slipway" : "slipway-" + overlay);
    }

    private static <T> T one(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
